"""Evaluation harness: corpus readers and scorers for geoparsing, attribution and temporal expressions.

Scorers take predictions as plain data (offsets, coordinates, values) so they can be tested without the
NLP pipeline; the ``run_*`` functions in each module connect them to :class:`claimledger.pipeline.Analyzer`.
"""

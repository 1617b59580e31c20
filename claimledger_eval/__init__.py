"""Evaluation harness (not part of the runtime package): corpus readers and scorers for geoparsing,
attribution, temporal expressions, propaganda techniques and the framing gold set, and the
``make eval`` report (``python -m claimledger_eval.report``).

Scorers take predictions as plain data (offsets, coordinates, values) so they can be tested without the
NLP pipeline; the ``run_*`` functions in each module connect them to :class:`claimledger.pipeline.Analyzer`.
Numbers quoted from publications (peer scores, targets) are in ``baselines.yaml`` (see ``baselines.py``).
``claimledger`` itself never imports this package, except lazily in ``claimledger eval``.
"""

"""Geo: toponyms found in the text, resolved through a gazetteer interface."""

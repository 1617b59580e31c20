"""`claimledger serve`: the web workspace (map, articles, places, propositions, search) and the JSON API."""

from claimledger.web.app import create_app  # noqa: F401

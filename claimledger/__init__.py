"""claimledger: turn war reporting into an auditable, evidence-linked ledger of claims, events and places."""

__version__ = "0.1.0"

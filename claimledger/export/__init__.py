"""Export: the ledger in the documented JSON contract (docs/output.md, schema in claimledger/export/schema)."""

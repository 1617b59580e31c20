"""Link: the same proposition across articles — who affirms, who denies, independent origins, timelines.

``save_ledgers(store, ledgers, origins)`` saves analysed articles and links them (``link.ledger``)."""


def save_ledgers(repository, ledgers, origins=None):
    """Save and link ledgers in one transaction; see ``claimledger.link.ledger.save_ledgers``."""
    from claimledger.link.ledger import save_ledgers as _save

    return _save(repository, ledgers, origins)

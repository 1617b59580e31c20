"""The house rules that are not import contracts (those are in pyproject.toml, checked by lint-imports)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 500


def test_no_module_over_500_lines():
    modules = [p for pkg in ("claimledger", "claimledger_eval") for p in (ROOT / pkg).rglob("*.py")]
    long = {
        str(p.relative_to(ROOT)): n
        for p in modules
        if "migrations" not in p.parts
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert modules and long == {}


def test_extractors_read_dependency_labels_through_the_language_pack():
    # extractors speak Universal Dependencies via pack.dep(token), never a model's own labels
    for stage in ("extract", "geo", "framing"):
        for p in (ROOT / "claimledger" / stage).rglob("*.py"):
            assert ".dep_" not in p.read_text(encoding="utf-8"), p


def test_every_language_pack_file_declares_its_language():
    import yaml

    for p in (ROOT / "claimledger" / "lang").glob("*/*.yaml"):
        assert yaml.safe_load(p.read_text(encoding="utf-8"))["language"] == p.parent.name, p

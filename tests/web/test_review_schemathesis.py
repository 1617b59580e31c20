"""Property-based run of the review endpoints of the OpenAPI document against a server that allows writes, with
a reviewer's token: whatever the body, no server error (the read-only run is tests/web/test_schemathesis.py)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from claimledger.store import review as sql
from tests.link.test_as_of_history import toretsk_store


@pytest.fixture(scope="module")
def writable(tmp_path_factory, analyzer):
    from claimledger.web import create_app

    store = toretsk_store("sqlite:///" + str(tmp_path_factory.mktemp("fuzz") / "ledger.sqlite"), analyzer)
    token = sql.add_user(store, "fuzzer")
    return create_app(store, allow_writes=True, token="admin-" + "0" * 32, cache=False), token


def test_review_endpoints_have_no_server_errors(writable):
    app, token = writable
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    ops = [op.ok() for op in schema.get_all_operations() if op.ok().path.startswith("/api/review/")]
    assert len(ops) == 6
    failures, calls = [], []
    for op in ops:

        @settings(
            max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        def run(case):
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            calls.append(response.status_code)
            if response.status_code >= 500:
                failures.append((case.path, case.body, response.status_code, response.text[:200]))
            case.validate_response(response, checks=[not_a_server_error])

        given(op.as_strategy())(run)()
    assert not failures, failures
    assert len(calls) >= 10 * len(ops)

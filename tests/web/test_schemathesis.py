"""Property-based run of the whole OpenAPI document against the ASGI app: no request may produce a server
error.  Bounded examples per operation so the run stays well under two minutes."""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error


def test_openapi_has_no_server_errors(app):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    failures, calls = [], []
    ops = [op.ok() for op in schema.get_all_operations()]
    assert len(ops) >= 9

    for op in ops:
        strategy = op.as_strategy()

        @settings(
            max_examples=100, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        def run(case):
            response = case.call()
            calls.append(response.status_code)
            if response.status_code >= 500:
                failures.append(
                    (
                        op.label,  # noqa: B023 (run is called within this iteration)
                        case.path,
                        case.query,
                        response.status_code,
                        response.text[:200],
                    )
                )
            case.validate_response(response, checks=[not_a_server_error])

        from hypothesis import given

        given(strategy)(run)()
    assert not failures, failures
    assert len(calls) >= 10 * len(ops)  # it really ran
    # answers and refusals: on this read-only app POST /api/ingest is refused (403) before its body is read
    assert 200 in calls and 403 in calls

"""Review over HTTP: corrections with an audit trail under /api/review (``claimledger.link.review``).

Writes (POST) need a server started with ``--allow-writes`` (else 403) and a reviewer's token as
``Authorization: Bearer <token>`` (``claimledger users add NAME``; else 401): ``ReviewGuard`` checks both before
the body is read, in constant time against the stored hashes, and puts the user's name in the request scope, so
every audit entry records who made it.  The token is never a cookie, so a page of another site cannot make a
browser send it (no CSRF).  Bodies are validated (pydantic, bounded) and limited in size by the server's body
limit.  The audit log is readable on any server (GET /api/review/log) and shown on the article and proposition
pages (the template global ``review_audit``).  ``install(app)`` adds all of it to an app."""

from __future__ import annotations

from typing import Annotated, Literal

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from claimledger.errors import ClaimledgerError
from claimledger.web.api import COMMON_ERRORS, _errors

REVIEW_PREFIX = "/api/review/"
AUTH_ERRORS = _errors(
    e400="the correction cannot be made (no such claim or proposition, no change, not in effect, …)",
    e401="no reviewer token, or an unknown one (send Authorization: Bearer <token>)",
    e403="the server is read-only (start it with --allow-writes), or the token is not a reviewer's",
    e404="no such claim, proposition or audit entry",
)
router = APIRouter(prefix="/api/review", tags=["review"], responses=COMMON_ERRORS)

ArticleId = Annotated[str, Field(pattern=r"^a_[0-9a-f]{16}$")]
PropositionId = Annotated[str, Field(pattern=r"^P[0-9a-f]{15}$")]
Reason = Annotated[str, Field(min_length=1, max_length=2000, description="Why (kept in the audit log).")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ClaimCorrection(_Body):
    field: Literal["stance", "speaker_type", "speaker_side", "certainty", "place", "date"]
    value: str = Field(min_length=1, max_length=100, description="The corrected value (a place key for place).")
    reason: Reason
    proposition: PropositionId | None = Field(None, description="Which of the claim's propositions (stance).")


class Merge(_Body):
    into: PropositionId
    other: PropositionId
    reason: Reason


class Split(_Body):
    proposition: PropositionId
    selectors: list[Annotated[str, Field(pattern=r"^a_[0-9a-f]{16}(/(c[0-9]{1,6}|-))?$")]] = Field(
        min_length=1, max_length=500, description="ARTICLE_ID, ARTICLE_ID/CLAIM_ID, or ARTICLE_ID/- (own voice)."
    )
    reason: Reason


class GroupOrigins(_Body):
    label: str = Field(min_length=1, max_length=200)
    articles: list[ArticleId] = Field(default_factory=list, max_length=500)
    origins: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(default_factory=list, max_length=500)
    reason: Reason


class Revert(_Body):
    reason: Reason


class AuditEntry(BaseModel):
    id: int
    at: str
    user_name: str
    action: str
    target_kind: str
    target_id: str
    field: str
    scope: str
    before: object = None
    after: object = None
    reason: str
    article_id: str | None = None
    proposition_id: str | None = None
    replaces: int | None = None
    reverts: int | None = None
    in_effect: bool | None = None
    reverted_by: int | None = None


class AuditLog(BaseModel):
    items: list[AuditEntry]


def _user(request: Request) -> str:
    user = request.scope.get("review_user")
    if not user:  # ReviewGuard always sets it for a write; never reached without it
        raise HTTPException(401, "missing or wrong token")
    return user


def _run(fn, *args):
    try:
        return fn(*args)
    except ClaimledgerError as exc:
        missing = str(exc).startswith(("no claim ", "no proposition ", "no audit entry "))
        raise HTTPException(404 if missing else 400, str(exc)) from None


WRITE = dict(response_model=AuditEntry, responses=AUTH_ERRORS)  # 200: the audit entry of the change


@router.post(
    "/claims/{article_id}/{claim_id}", summary="Correct a claim (stance, speaker, certainty, place, date)", **WRITE
)
def correct_claim(
    request: Request,
    body: ClaimCorrection,
    article_id: Annotated[str, Path(pattern=r"^a_[0-9a-f]{16}$")],
    claim_id: Annotated[str, Path(pattern=r"^c[0-9]{1,6}$")],
) -> dict:
    from claimledger.link import review

    args = (article_id, claim_id, body.field, body.value, body.reason, body.proposition)
    return _run(review.correct_claim, request.app.state.store, _user(request), *args)


@router.post("/merge", summary="Merge proposition `other` into `into`", **WRITE)
def merge(request: Request, body: Merge) -> dict:
    from claimledger.link import review

    return _run(review.merge, request.app.state.store, _user(request), body.into, body.other, body.reason)


@router.post("/split", summary="Split assertions off a proposition into a new one", **WRITE)
def split(request: Request, body: Split) -> dict:
    from claimledger.link import review

    return _run(review.split, request.app.state.store, _user(request), body.proposition, body.selectors, body.reason)


@router.post("/group-origins", summary="Count articles and origins as one origin", **WRITE)
def group_origins(request: Request, body: GroupOrigins) -> dict:
    from claimledger.link import review

    store, user = request.app.state.store, _user(request)
    return _run(review.group_origins, store, user, body.label, body.reason, body.articles, body.origins)


@router.post("/revert/{audit_id}", summary="Revert a correction (a new audit entry)", **WRITE)
def revert(request: Request, body: Revert, audit_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict:
    from claimledger.link import review

    return _run(review.revert, request.app.state.store, _user(request), audit_id, body.reason)


@router.get("/log", summary="The audit log, newest first", response_model=AuditLog)
def log(
    request: Request,
    article: Annotated[str | None, Query(pattern=r"^a_[0-9a-f]{16}$")] = None,
    proposition: Annotated[str | None, Query(pattern=r"^P[0-9a-f]{15}$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict:
    from claimledger.link import review

    store = request.app.state.store
    if article:
        items = review.article_audit(store, article)[:limit]
    elif proposition:
        items = review.proposition_audit(store, proposition)[:limit]
    else:
        items = review.audit_log(store, limit=limit)
    return {"items": items}


class ReviewGuard:
    """Refuses a write under /api/review/ before its body is read: 403 on a read-only server, 401 without a
    reviewer's Bearer token, 403 with the server's own (admin) token, which names no one."""

    def __init__(self, app, allow_writes: bool, store, admin_token: str | None):
        self.app, self.allow_writes, self.store, self.admin_token = app, allow_writes, store, admin_token

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(REVIEW_PREFIX) and scope["method"] not in SAFE:
            from claimledger.store.review import user_for_token
            from claimledger.web.guard import bearer_ok, send_json

            if not self.allow_writes:
                return await send_json(send, 403, "this server is read-only (start it with --allow-writes)")
            auth = next((v for k, v in scope.get("headers") or () if k.lower() == b"authorization"), b"")
            scheme, _, given = auth.strip().partition(b" ")
            given = given.strip()
            user = None
            if scheme.lower() == b"bearer" and given:
                user = await anyio.to_thread.run_sync(user_for_token, self.store, given)
            if user is None:
                if bearer_ok(auth, self.admin_token):
                    return await send_json(send, 403, "the server token names no one: use a reviewer's token")
                return await send_json(send, 401, "missing or wrong reviewer token", {"WWW-Authenticate": "Bearer"})
            scope = dict(scope, review_user=user)
        await self.app(scope, receive, send)


SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def install(app) -> None:
    """The review API, its guard and the ``review_audit(kind, id)`` template global (for the pages)."""
    from claimledger.link import review

    store = app.state.store
    app.include_router(router)
    app.add_middleware(ReviewGuard, allow_writes=app.state.allow_writes, store=store, admin_token=app.state.token)

    def review_audit(kind: str, target: str) -> list[dict]:
        if kind == "article":
            return review.article_audit(store, target)
        return review.proposition_audit(store, target)

    app.state.templates.env.globals["review_audit"] = review_audit

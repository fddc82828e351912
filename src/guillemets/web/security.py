"""Read-only over HTTP and safe headers on every response, as one small ASGI middleware.

Only GET and HEAD reach the application, plus POST on ``POST_PATHS`` (extraction that writes
nothing); any other method gets a 405 envelope whatever the path. Every response carries a
Content-Security-Policy that allows scripts only from our own ``/static/`` files (no inline
script, no third-party origin), so text from the corpus can never run even if it slipped
through escaping.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALLOWED_METHODS = ("GET", "HEAD")
# The only POST routes: they extract the page in the body and answer; nothing is ever written.
POST_PATHS = frozenset({"/api/extract", "/paste"})

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityMiddleware:
    """Refuses methods other than GET/HEAD and adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ALLOWED_METHODS and not (
            scope["method"] == "POST" and scope["path"] in POST_PATHS
        ):
            await method_not_allowed(scope["method"], send)
            return

        head = scope["method"] == "HEAD"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}  # HEAD: the GET answer's headers, no body
            await send(message)

        await self.app({**scope, "method": "GET"} if head else scope, receive, send_with_headers)


async def method_not_allowed(method: str, send: Send) -> None:
    body = json.dumps(
        envelope_error(405, f"method {method} is not allowed: this server is read-only (GET, HEAD)"),
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"allow", ", ".join(ALLOWED_METHODS).encode()),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": 405, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def envelope_error(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The error envelope every API failure uses."""
    return {"ok": False, "error": error, "errors": errors or [], "status": status}

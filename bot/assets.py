"""The widget's static files: content-hashed, gzipped once, cached by browsers.

The widget's labels are written into widget.js from the message catalogue (knowledge/messages/,
`widget.*`) when it is first served, so its hash changes with them.

Each asset is read once per process. Its ETag is a hash of its content; the page and the widget
ask for `widget.css?v=<hash>` / `widget.js?v=<hash>`, which are cached for a year (`immutable`),
while the bare URLs (the one-line embed snippet, `/`) are revalidated on every use (`no-cache`
with the ETag, so an unchanged file costs a 304). Text assets are sent gzipped to clients that
accept it.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from knowledge.language import LANGS
from knowledge.messages import group, text

STATIC = Path(__file__).resolve().parent / "static"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
COMPRESSIBLE = (".html", ".js", ".css", ".svg")
# Written in widget.js and index.html; replaced by the current hashes when served.
CSS_VERSION = "__CEPA_CSS_VERSION__"
# Written in widget.js; replaced by the widget's labels from the message catalogue.
UI_LABELS = "/*__CEPA_UI__*/ {}"
# Written in index.html (a page in Traditional Chinese and English): its title and heading.
PAGE_TITLE, PAGE_HEADING = "__CEPA_PAGE_TITLE__", "__CEPA_PAGE_HEADING__"


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes | None
    version: str  # the first 16 hex digits of the content's SHA-256
    media_type: str


def _asset(name: str, body: bytes) -> Asset:
    suffix = Path(name).suffix
    gzipped = gzip.compress(body, 9, mtime=0) if suffix in COMPRESSIBLE else None
    if gzipped is not None and len(gzipped) >= len(body):
        gzipped = None
    version = hashlib.sha256(body).hexdigest()[:16]
    return Asset(body, gzipped, version, MEDIA_TYPES[suffix])


@cache
def assets() -> dict[str, Asset]:
    """Every asset by name, with the hashed URLs of the others written into the page and widget."""
    read = {p.name: p.read_bytes() for p in STATIC.iterdir() if p.suffix in MEDIA_TYPES}
    built = {name: _asset(name, body) for name, body in read.items()}
    css = built["widget.css"].version
    widget = read["widget.js"].replace(CSS_VERSION.encode(), css.encode())
    if UI_LABELS.encode() not in widget:
        raise RuntimeError(f"widget.js lacks {UI_LABELS!r}, where its labels go")
    widget = widget.replace(UI_LABELS.encode(), widget_labels().encode())
    built["widget.js"] = _asset("widget.js", widget)
    page = (
        read["index.html"]
        .replace(PAGE_TITLE.encode(), html.escape(_both("widget.title")).encode())
        .replace(PAGE_HEADING.encode(), html.escape(_both("page.heading")).encode())
        .replace(b'href="/widget.css"', f'href="/widget.css?v={css}"'.encode())
        .replace(b'src="/widget.js"', f'src="/widget.js?v={built["widget.js"].version}"'.encode())
    )
    built["index.html"] = _asset("index.html", page)
    return built


def widget_labels() -> str:
    """`widget.*` of the message catalogue as a JavaScript object: {lang: {name: label}}."""
    labels = {lang: group("widget", lang) for lang in LANGS}
    # JSON is JavaScript, but for two line separators older engines reject inside strings.
    written = json.dumps(labels, ensure_ascii=False, separators=(",", ":"))
    return written.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _both(key: str) -> str:
    """The page's languages side by side: 繁體 · English."""
    return f"{text(key, 'zh-Hant')} · {text(key, 'en')}"


def _accepts_gzip(request: Request) -> bool:
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*") and params.replace(" ", "") != "q=0":
            return True
    return False


def serve(request: Request, name: str) -> Response:
    """The asset, 304 when the client has it, immutable only under its own hashed URL."""
    asset = assets()[name]
    etag = f'"{asset.version}"'
    hashed = request.query_params.get("v") == asset.version and name != "index.html"
    headers = {
        "cache-control": IMMUTABLE if hashed else REVALIDATE,
        "etag": etag,
        "vary": "Accept-Encoding",
    }
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        # The type too: a 304's headers replace the cached ones, and the page's security
        # headers (its Content-Security-Policy) are chosen by type (bot/http_security.py).
        return Response(status_code=304, headers={**headers, "content-type": asset.media_type})
    body = asset.body
    if asset.gzipped is not None and _accepts_gzip(request):
        body = asset.gzipped
        headers["content-encoding"] = "gzip"
    return Response(body, media_type=asset.media_type, headers=headers)

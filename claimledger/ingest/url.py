"""Fetch one URL safely: timeouts, a size cap, few redirects, and no private addresses.

Built on ``http.client`` (stdlib) rather than urllib or httpx because the address
check must apply to the address we actually connect to: we resolve the host
ourselves, refuse loopback/private/link-local/reserved addresses, and then
connect to exactly the address that passed (no second DNS lookup that a
rebinding DNS server could answer differently).  Every redirect hop goes
through the same check.  Proxies from the environment are deliberately not
used, for the same reason.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from claimledger.errors import InputError
from claimledger.ingest.article import MAX_BYTES, Metadata, article_from_bytes
from claimledger.ingest.sources import SourceItem

CONNECT_TIMEOUT = 10.0  # seconds to open the TCP (and TLS) connection
READ_TIMEOUT = 30.0  # seconds of silence allowed between two chunks
TOTAL_TIMEOUT = 120.0  # a server dripping one byte at a time must not hold a worker forever
MAX_REDIRECTS = 5
USER_AGENT = "claimledger/0.1 (+evidence ledger of war reporting)"
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Fetched:
    url: str  # the URL asked for
    final_url: str  # where the body came from, after redirects
    status: int
    content_type: str  # lower-case media type without parameters, "" when absent
    body: bytes


def is_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in ("http", "https")


# IANA special-purpose ranges (RFC 6890 and its updates) never reached, whatever ``ipaddress`` thinks of them in
# this Python version (e.g. 192.0.0.8 was "global" before 3.12.4).
_SPECIAL_V4 = tuple(
    ipaddress.IPv4Network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.31.196.0/24",
        "192.52.193.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "192.175.48.0/24",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
    )
)
_SPECIAL_V6 = tuple(
    ipaddress.IPv6Network(n)
    for n in (
        "::/96",  # unspecified, loopback and the (deprecated) IPv4-compatible addresses (judged as IPv4 first)
        "::ffff:0:0/96",  # IPv4-mapped (judged as IPv4 first)
        "::ffff:0:0:0/96",  # IPv4-translated (RFC 2765)
        "64:ff9b:1::/48",  # local-use NAT64 (RFC 8215): a private network's translator
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments (Teredo, ORCHID, benchmarking ...)
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation
        "5f00::/16",  # segment routing
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries, in every form that routes to it: IPv4-mapped (``::ffff:a.b.c.d``),
    IPv4-compatible (``::a.b.c.d``), IPv4-translated (``::ffff:0:a.b.c.d``), NAT64 (``64:ff9b::a.b.c.d``) and 6to4
    (``2002:AABB:CCDD::``); None for any other address."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    value = int(ip)
    low = ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if value >> 32 == 0 and value > 1:  # ::a.b.c.d (not :: or ::1, which are themselves)
        return low
    if value >> 32 == 0xFFFF0000:  # ::ffff:0:a.b.c.d
        return low
    if ip in _NAT64:
        return low
    return None


def address_allowed(ip: IPAddress) -> bool:
    """True for addresses on the public internet.

    An IPv6 address carrying an IPv4 one (mapped, compatible, translated, NAT64, 6to4) is judged as that IPv4
    address; then the address must be ``is_global``, not multicast, unspecified or reserved, and in none of the
    IANA special-purpose ranges listed above (checked explicitly: ``ipaddress``'s own tables vary by version)."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            return _v4_allowed(inner)
        if any(ip in net for net in _SPECIAL_V6):
            return False
        return ip.is_global and not (ip.is_multicast or ip.is_unspecified or ip.is_reserved or ip.is_loopback)
    return _v4_allowed(ip)


def _v4_allowed(ip: ipaddress.IPv4Address) -> bool:
    if any(ip in net for net in _SPECIAL_V4):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_unspecified or ip.is_reserved)


def resolve(host: str, port: int, allow_private: bool) -> list[IPAddress]:
    """All addresses of ``host``; refuses the whole host if any of them is not public.

    Checking every address (not just the first) matters: a host answering with one
    public and one private address would otherwise reach the private one on retry.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"cannot resolve host {host!r} ({exc.strerror or exc})") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])  # drop an IPv6 zone id
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise InputError(f"cannot resolve host {host!r}")
    if not allow_private:
        for ip in addresses:
            if not address_allowed(ip):
                raise InputError(
                    f"refusing to fetch from {host} ({ip}): a loopback, private, link-local or reserved address"
                    " (use --allow-private to permit it)"
                )
    return addresses


class _Deadline:
    """The total time limit of one request, over connect, headers and body: at the deadline a watchdog shuts the
    socket down, so that a read blocked on a server that drips its headers a byte at a time returns at once."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired:
                _shutdown(sock)

    def start(self) -> None:
        self._timer.start()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._sock is not None:
                _shutdown(self._sock)

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.deadline

    def cancel(self) -> None:
        self._timer.cancel()


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _connection(
    scheme: str,
    host: str,
    port: int,
    addresses: list[IPAddress],
    connect_timeout: float,
    read_timeout: float,
    deadline: _Deadline | None = None,
):
    """An HTTP(S) connection whose socket goes to one of the checked addresses.

    ``http.client`` opens its socket through ``_create_connection``; replacing it
    pins the address while TLS still verifies the certificate against ``host``.
    """

    def pinned_connect(_address, _timeout=None, _source=None):
        last: OSError | None = None
        for ip in addresses:
            timeout = connect_timeout if deadline is None else min(connect_timeout, deadline.remaining())
            if timeout <= 0:
                raise TimeoutError("total time limit reached while connecting")
            try:
                sock = socket.create_connection((str(ip), port), timeout=timeout)
            except OSError as exc:
                last = exc
                continue
            sock.settimeout(read_timeout)  # from now on the limit is per read, not for connecting
            if deadline is not None:
                deadline.watch(sock)
            return sock
        assert last is not None
        raise last

    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=connect_timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=connect_timeout)
    conn._create_connection = pinned_connect  # type: ignore[attr-defined]
    return conn


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    connect_timeout: float = CONNECT_TIMEOUT,
    read_timeout: float = READ_TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    resolver: Callable[[str, int, bool], list[IPAddress]] = resolve,
) -> Fetched:
    """GET ``url`` and return its body; raise ``InputError`` with a one-line reason otherwise."""
    deadline = time.monotonic() + total_timeout
    current = url
    for _hop in range(max_redirects + 1):
        try:
            status, location, content_type, body = _get_once(
                current, allow_private, connect_timeout, read_timeout, deadline, max_bytes, resolver
            )
        except InputError as exc:
            raise InputError(f"{url}: {exc}") from None
        if location is None:
            if status != 200:
                raise InputError(
                    f"{url}: the server answered HTTP {status}" + (f" (at {current})" if current != url else "")
                )
            return Fetched(url=url, final_url=current, status=status, content_type=content_type, body=body)
        current = urljoin(current, location)
    raise InputError(f"{url}: too many redirects (more than {max_redirects})")


def _get_once(url, allow_private, connect_timeout, read_timeout, deadline, max_bytes, resolver):
    """One request, no redirect following: (status, redirect location or None, content type, body)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"only http and https URLs can be fetched, not {url!r}")
    try:
        host, port = parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise InputError(f"invalid port in {url!r}") from None
    if not host:
        raise InputError(f"no host in {url!r}")
    addresses = resolver(host, port, allow_private)
    limit = _Deadline(deadline)
    if limit.remaining() <= 0:
        raise InputError("took too long (the total time limit was reached); aborted")
    conn = _connection(scheme, host, port, addresses, connect_timeout, read_timeout, limit)
    # Russian and Ukrainian sites use Cyrillic paths; http.client sends ASCII only, so
    # percent-encode what is not already (existing %XX escapes are kept as they are).
    path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe="/%:@!$&'()*+,;=?~-._")
    limit.start()
    try:
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
        response = conn.getresponse()
        status = response.status
        if status in (301, 302, 303, 307, 308):
            location = response.getheader("Location")
            if not location:
                raise InputError(f"HTTP {status} redirect without a Location header")
            result = status, location, "", b""
        else:
            content_type = (response.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
            body = b"" if status != 200 else b"".join(_read_capped(response, max_bytes, deadline))
            result = status, None, content_type, body
        if limit.passed():  # the watchdog may have cut the body short: never return what it left
            raise TimeoutError
        return result
    except (TimeoutError, http.client.HTTPException, OSError, ValueError) as exc:
        if limit.passed():
            raise InputError("took too long (the total time limit was reached); aborted") from None
        if isinstance(exc, TimeoutError):
            raise InputError(f"timed out (no data for {read_timeout:g} s)") from None
        if isinstance(exc, ssl.SSLError):
            raise InputError(f"TLS error ({exc.reason or exc})") from None
        if isinstance(exc, ConnectionRefusedError):
            raise InputError(f"connection refused by {host}:{port}") from None
        raise InputError(f"request failed ({exc.__class__.__name__}: {exc})") from None
    finally:
        limit.cancel()
        conn.close()


def _read_capped(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> Iterator[bytes]:
    """Stream the body, stopping as soon as it is too big or too slow (never buffering past the cap)."""
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise InputError(f"response is {int(length) / 1e6:.1f} MB; more than the {max_bytes / 1e6:g} MB limit")
    total = 0
    while True:
        chunk = response.read1(_CHUNK)
        if not chunk:
            return
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"response is larger than the {max_bytes / 1e6:g} MB limit; aborted")
        if time.monotonic() > deadline:
            raise InputError("took too long (the total time limit was reached); aborted")
        yield chunk


# --- as a source ---------------------------------------------------------

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.I)
# Media types we can read as an article or feed; a PDF or image is refused, not sniffed.
_READABLE = re.compile(r"^(text/.*|application/(xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml))?$")


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """RSS/Atom by media type, or by the root element when servers send a generic XML type."""
    if content_type in _FEED_TYPES:
        return True
    if content_type in ("text/html", "application/xhtml+xml"):
        return False
    return bool(_FEED_ROOT.search(body[:2048]))


def read_url(url: str, allow_private: bool = False, **fetch_options) -> Iterator[SourceItem]:
    """One URL as a source: a feed yields its entries, any other page yields one article."""
    from claimledger.ingest.feeds import read_feed_bytes  # feeds imports feedparser; only load it when needed

    try:
        fetched = fetch(url, allow_private=allow_private, **fetch_options)
    except InputError as exc:
        yield SourceItem(origin=url, error=str(exc))
        return
    if not _READABLE.match(fetched.content_type):
        yield SourceItem(origin=url, error=f"{url}: not an article or feed (content type {fetched.content_type})")
        return
    if looks_like_feed(fetched.content_type, fetched.body):
        yield from read_feed_bytes(fetched.body, origin=url)
        return
    try:
        article = article_from_bytes(fetched.body, Metadata(url=fetched.final_url), source_path=url)
    except InputError as exc:
        yield SourceItem(origin=url, error=str(exc))
        return
    yield SourceItem(origin=url, article=article)

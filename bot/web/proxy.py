"""Who is asking, behind a reverse proxy: forwarded headers from trusted proxies only.

Behind nginx every request comes from nginx's address, so the per-address chat
limit and the review sign-in lockout would treat all families (and all organizers)
as one. nginx says who the client was in ``X-Forwarded-For`` and whether the page
was served over HTTPS in ``X-Forwarded-Proto``; but any client can write those
headers itself, so they are read only when the connection comes from an address
in ``[web] trusted_proxies``. The pages server works the answer out once per
request (:func:`remember`) and everything else asks :func:`client_address` and
:func:`is_https`.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import (
    IPv4Address,
    IPv4Network,
    IPv6Address,
    IPv6Network,
    ip_address,
    ip_network,
)
from typing import Iterable, List, Tuple

from sanic import Request

#: What the ``X-Forwarded-For`` chain is split on.
_HOPS = ","


@dataclass(frozen=True)
class TrustedProxies:
    """The addresses (or networks, ``10.0.0.0/8``) whose forwarded headers count."""

    networks: Tuple[IPv4Network | IPv6Network, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> TrustedProxies:
        """From the setting's strings; a bad entry is a configuration error, raised."""
        return cls(tuple(ip_network(entry.strip(), strict=False)
                         for entry in entries if entry.strip()))

    def trusts(self, address: str) -> bool:
        """Whether ``address`` is one of our proxies (never for a non-address)."""
        parsed = _address(address)
        return parsed is not None and self._covers(parsed)

    def _covers(self, address: IPv4Address | IPv6Address) -> bool:
        return any(address in network for network in self.networks)

    def client(self, peer: str, forwarded_for: List[str]) -> str:
        """Return the client's address: the last hop in the chain that is not our proxy.

        Read right to left, as each proxy appends the address it saw: hops a client
        wrote itself sit to the left of the first untrusted one and are ignored.
        """
        if not self.trusts(peer):
            return peer
        hops = [hop.strip() for header in forwarded_for
                for hop in header.split(_HOPS) if hop.strip()]
        for hop in reversed(hops):
            parsed = _address(hop)
            if parsed is None:  # a mangled chain: believe only the socket
                return peer
            if not self._covers(parsed):
                return hop
        return hops[0] if hops else peer

    def https(self, peer: str, scheme: str, forwarded_proto: str | None) -> bool:
        """Whether the family's browser reached us over HTTPS."""
        if scheme == "https":
            return True
        if not (forwarded_proto and self.trusts(peer)):
            return False
        return forwarded_proto.split(_HOPS)[-1].strip().lower() == "https"


def _address(text: str) -> IPv4Address | IPv6Address | None:
    """``text`` as an IP address, or None when it is not one."""
    try:
        return ip_address(text)
    except ValueError:
        return None


def remember(request: Request, proxies: TrustedProxies) -> None:
    """Work out the client's address and scheme once, on ``request.ctx``."""
    peer = request.ip or ""
    request.ctx.client_address = proxies.client(
        peer, request.headers.getall("x-forwarded-for", []))
    request.ctx.https = proxies.https(
        peer, request.scheme, request.headers.get("x-forwarded-proto"))


def client_address(request: Request) -> str:
    """Return the client's address (the socket's peer where no proxy is configured)."""
    return getattr(request.ctx, "client_address", None) or request.ip or "unknown"


def is_https(request: Request) -> bool:
    """Whether the request reached us over HTTPS, as far as we can trust."""
    return bool(getattr(request.ctx, "https", request.scheme == "https"))

"""Who is visiting: the client's address behind the configured proxies.

The only module that knows about proxies: every per-visitor rule (the enquiry rate
limit, and whatever else tells visitors apart) asks ``client_address``.
"""

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_address(request: HttpRequest) -> str:
    """The address of the visitor's machine, for per-visitor rules (rate limits,
    click de-duplication).

    With no trusted proxy (``WAYAHSINAU_TRUSTED_PROXY_COUNT`` 0) it is the peer of
    the connection; ``X-Forwarded-For`` is then the client's own claim and ignored.
    Behind N proxies that each append the address they saw (nginx's
    ``$proxy_add_x_forwarded_for``), it is the Nth entry from the right: entries
    further left come from the client and may be forged. A header too short for N
    proxies (a request that bypassed one) falls back to the connection's peer.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.WAYAHSINAU_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    # ipware's proxy_count counts the proxies named in the header; the last proxy
    # is the connection's peer and is not in it.
    address, _routable = get_client_ip(
        request,
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
        algorithm="modern",
    )
    return address or remote

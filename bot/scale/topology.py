"""Which processes Puente's production topology runs, with which commands.

One place for both: ``make scale-test`` starts these commands on loopback and the
services of ``compose.yaml`` run the same ``puente`` arguments in containers
(tests/test_compose.py holds them equal), so what is tested is what is shipped.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

#: What each kind of process runs: ``puente`` followed by these arguments.
COMMANDS: Dict[str, Tuple[str, ...]] = {
    "migrate": ("migrate",),
    "actions": ("serve", "actions"),
    "rasa": ("serve", "rasa"),
    "pages": ("serve", "pages"),
}


def puente(kind: str) -> List[str]:
    """Return the command line of a ``kind`` of process, in this environment."""
    return [sys.executable, "-m", "bot.cli.main", *COMMANDS[kind]]


@dataclass(frozen=True)
class Ports:
    """Loopback ports of one scale-test run."""

    public: int
    internal: int
    rasa: Sequence[int]
    actions: Sequence[int]
    pages: Sequence[int]


#: nginx's buffer folders, under the scale test's folder (``nginx_conf``'s ``work``).
NGINX_TEMP = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def loopback(ports: Sequence[int]) -> List[str]:
    """``host:port`` addresses of servers on this machine."""
    return [f"127.0.0.1:{port}" for port in ports]


def nginx_conf(public: str, internal: str, rasa: Sequence[str], pages: Sequence[str],
               work: Path | None = None) -> str:
    """Nginx in front of the replicas: the public side and the internal one.

    Public (listening on ``public``): Meta's WhatsApp webhook goes to Rasa,
    everything else (the widget's API, the review app) to the pages servers.
    Internal (``internal``, never published): the pages servers reach Rasa's REST
    channel there. No stickiness: ``least_conn`` sends each request to the less busy
    replica. Any Rasa replica may take any message, because conversations live in
    PostgreSQL and Rasa's lock store in Redis lets one replica at a time work on a
    conversation. A replica that refuses connections (killed) is skipped and the
    request goes to the next; a request it had already received fails (502): the
    proxy never sends a message twice, the client decides to retry. Idle
    connections to a server are closed after 4 s, before Sanic closes them (5 s):
    a request sent on a connection the server had just closed fails, and counts
    against a healthy replica (a first run saw both marked down, "no live
    upstreams", for seconds after one was killed).

    ``work``: the scale test's folder for nginx's own files (pid, logs, buffers);
    None in a container, where the image's defaults serve. The scheme a TLS proxy
    in front says (``X-Forwarded-Proto``) is passed on, so cookies stay ``Secure``.
    """
    def upstream(name: str, servers: Sequence[str]) -> str:
        lines = "".join(f"    server {address} max_fails=3 fail_timeout=5s;\n"
                        for address in servers)
        return (f"  upstream {name} {{\n    least_conn;\n{lines}"
                "    keepalive 16;\n    keepalive_timeout 4s;\n  }\n")

    own = ""
    files = ""
    if work is not None:
        temp = work / "nginx-temp"
        own = (("user root;\n" if os.geteuid() == 0 else "")
               + f"pid {work / 'nginx.pid'};\n"
               + f"error_log {work / 'nginx-error.log'} warn;\n")
        files = "".join(f"  {kind}_temp_path {temp / kind};\n" for kind in NGINX_TEMP)
    proxy = (
        "    proxy_http_version 1.1;\n"
        "    proxy_set_header Connection \"\";\n"
        "    proxy_set_header Host $host;\n"
        "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        "    proxy_set_header X-Forwarded-Proto $forwarded_proto;\n"
        "    proxy_read_timeout 90s;\n"
    )
    return (
        f"{own}worker_processes 1;\n"
        "events { worker_connections 4096; }\n"
        "http {\n"
        "  access_log off;\n"
        + files
        + "  map $http_x_forwarded_proto $forwarded_proto {\n"
        "    default $http_x_forwarded_proto;\n"
        "    \"\" $scheme;\n"
        "  }\n"
        + upstream("rasa", rasa)
        + upstream("pages", pages)
        + "  server {\n"
        f"    listen {public};\n" + proxy
        + "    location /webhooks/whatsapp/ { proxy_pass http://rasa; }\n"
        "    location / { proxy_pass http://pages; }\n"
        "  }\n"
        "  server {\n"
        f"    listen {internal};\n" + proxy
        + "    location /webhooks/rest/ { proxy_pass http://rasa; }\n"
        "  }\n"
        "}\n"
    )

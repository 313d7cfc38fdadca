"""A stand-in HTTP endpoint on loopback (an action server) that records what
Rasa sends it and answers every request with one fixed JSON body."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, List, Tuple

from bot.bench.ports import free_port


@dataclass
class Endpoint:
    """Where the endpoint listens, and each request's content type and body."""

    port: int
    received: List[Tuple[str, bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"


@contextmanager
def recording_endpoint(answer: Any) -> Iterator[Endpoint]:
    """Serve ``answer`` (as JSON) to every POST while the block runs."""
    endpoint = Endpoint(free_port())
    body = json.dumps(answer).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            request = self.rfile.read(int(self.headers["Content-Length"]))
            endpoint.received.append((self.headers["Content-Type"], request))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", endpoint.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()

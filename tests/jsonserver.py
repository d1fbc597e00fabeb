"""A base for the stand-in HTTP services the tests run on 127.0.0.1."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler


class JSONHandler(BaseHTTPRequestHandler):
    """Answers with a status, a JSON body and optional headers; logs nothing."""

    def _send(self, status, body, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

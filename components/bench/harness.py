"""Browser and server plumbing shared by the benchmark, the load test and the browser tests.

Loopback only: the server listens on 127.0.0.1 and a free port; the browser resolves no other
host and every request that would leave the machine is aborted and remembered. No pytest here:
`tests/` imports this module, never the reverse.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from components import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
)
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def chromium_missing() -> str | None:
    """Why the browser cannot run here, or None when Debian's chromium is installed."""
    if Path(CHROMIUM).exists():
        return None
    return f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests"


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file"):
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


@dataclass
class NetworkGuard:
    """Aborts every request that would leave the machine, and remembers it."""

    blocked: list[str] = field(default_factory=list)

    def __call__(self, route) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def attach(self, context) -> None:
        context.route("**/*", self)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    """`streamlit run SCRIPT` (app.py by default) on 127.0.0.1 and a free port, stopped by
    whoever started it."""

    env: dict[str, str] = field(default_factory=dict)
    script: Path = ROOT / "app.py"
    port: int = 0
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, log_dir: Path, timeout: float = 60) -> "StreamlitServer":
        self.port = free_port()
        self.log_path = Path(log_dir) / f"streamlit-{self.port}.log"
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.address", "127.0.0.1", "--server.port", str(self.port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--server.enableStaticServing", "true",
        ]
        env = {**os.environ, "PYTHONPATH": str(ROOT), **self.env}
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, cwd=self.script.parent, env=env,
                                            stdout=log, stderr=subprocess.STDOUT)
        try:
            self._wait_healthy(timeout)
        except RuntimeError:
            self.stop()
            raise
        return self

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not become healthy in {timeout}s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def launch_chromium(playwright, extra_args: tuple[str, ...] = ()):
    """Debian's chromium through Playwright's sync API, with the loopback-only flags."""
    return playwright.chromium.launch(executable_path=CHROMIUM,
                                      args=[*CHROMIUM_ARGS, *extra_args])


@contextmanager
def guarded_context(browser: Any, viewport: tuple[int, int] = (1440, 900)) -> Iterator[Any]:
    """A fresh browser context whose requests may not leave the machine: each such request is
    aborted, and once the context is closed the block raises if one was tried."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    guard = NetworkGuard()
    guard.attach(context)
    try:
        yield context
    finally:
        context.close()
    if guard.blocked:
        raise RuntimeError(f"requests left the machine: {guard.blocked[:5]}")


def timed_visit(browser: Any, url: str, ready: Callable[[Any], None],
                viewport: tuple[int, int] = (1440, 900), init_script: str | None = None,
                after: Callable[[Any], None] | None = None) -> float:
    """Seconds from opening `url` in a fresh context until `ready(page)` returns; raises when
    a request tried to leave the machine. `init_script` runs in every document of the visit
    before the page's own scripts; `after(page)`, once the time is taken (e.g. to read timings
    the init script took)."""
    with guarded_context(browser, viewport) as context:
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        ready(page)
        seconds = time.perf_counter() - start
        if after:
            after(page)
    return seconds

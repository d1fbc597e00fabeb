"""The server's TCP connections answer at once: Nagle's algorithm off (TCP_NODELAY).

Streamlit 1.67 binds its listening socket itself, as `socket.socket(family=...)`, so the socket's
protocol number is 0 and asyncio, which turns Nagle off only for sockets whose protocol is
`IPPROTO_TCP`, leaves it on for every connection the server accepts. A response written in two
pieces (headers, then the body; or two WebSocket messages in a row) then waits until the
browser's machine acknowledges the first, which its TCP stack delays (40 ms on Linux): measured
here, each of the map frame's four files (streamlit-folium's page and script, Leaflet's script
and stylesheet) arrived 40 ms late, one after another, on every page load.

Linux copies the option from a listening socket to the connections it accepts, so setting it
once on the process's sockets covers the connections already open and all to come.
"""

from __future__ import annotations

import os
import socket
import stat

# Lists the process's open file descriptors on Linux (a link to /proc/self/fd) and macOS.
FD_DIR = "/dev/fd"


def disable_nagle() -> int:
    """Turn Nagle's algorithm off on every TCP socket this process has open; the count changed.

    Does nothing where the open descriptors cannot be listed (Windows)."""
    try:
        descriptors = [int(name) for name in os.listdir(FD_DIR)]
    except OSError:
        return 0
    return sum(_set_nodelay(fd) for fd in descriptors)


def _set_nodelay(fd: int) -> bool:
    """TCP_NODELAY on the socket behind `fd`, if it is a TCP socket (through a duplicate, so the
    owner's descriptor is never closed)."""
    try:
        if not stat.S_ISSOCK(os.fstat(fd).st_mode):
            return False
        duplicate = os.dup(fd)
    except OSError:  # closed meanwhile (the listing's own descriptor is)
        return False
    try:
        sock = socket.socket(fileno=duplicate)
    except OSError:
        os.close(duplicate)
        return False
    with sock:  # closes the duplicate only
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
            return False
        if sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY):
            return False
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return True

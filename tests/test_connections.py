"""Nagle's algorithm off on the server's sockets (components.connections)."""

from __future__ import annotations

import os
import socket
import sys

import pytest

from components.connections import disable_nagle

ON_LINUX = sys.platform.startswith("linux")


def nodelay(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


@pytest.fixture
def listener():
    """A listening socket made as Streamlit 1.67 makes its own: protocol 0, Nagle on."""
    sock = socket.socket(family=socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock
    sock.close()


def connect(listener: socket.socket) -> tuple[socket.socket, socket.socket]:
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    return client, accepted


pytestmark = pytest.mark.skipif(not os.path.isdir("/dev/fd"),
                                reason="the process's descriptors cannot be listed here (no /dev/fd)")


def test_the_listener_and_the_connections_already_open_answer_at_once(listener):
    client, accepted = connect(listener)
    with client, accepted:
        assert listener.proto == 0 and not nodelay(listener) and not nodelay(accepted)
        assert disable_nagle() >= 2
        assert nodelay(listener) and nodelay(accepted)
        assert accepted.send(b"still open") == 10  # only duplicates were closed
        assert client.recv(10) == b"still open"


@pytest.mark.skipif(not ON_LINUX, reason="that a listener passes TCP_NODELAY on is checked on Linux")
def test_connections_accepted_later_inherit_it(listener):
    disable_nagle()
    client, accepted = connect(listener)
    with client, accepted:
        assert nodelay(accepted)


def test_other_sockets_and_files_are_left_alone(listener, tmp_path):
    left, right = socket.socketpair()  # a Unix socket pair: no TCP option to set
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with left, right, udp, open(tmp_path / "file.txt", "w") as handle:
        disable_nagle()
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
        handle.write("still writable")
        assert udp.fileno() >= 0
    assert disable_nagle() == 0  # the first call set the option on every TCP socket there was


def test_a_second_call_changes_nothing(listener):
    disable_nagle()
    assert disable_nagle() == 0 and nodelay(listener)


def test_the_app_turns_it_off_on_the_server_it_runs_in(listener):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.apptest import APP

    st.cache_resource.clear()  # it is done once per server process: make this run the first
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert nodelay(listener)

#!/usr/bin/env python3
"""A MySQL-protocol server that offers no TLS, for the ssl_mode tests.

It greets each client like a MariaDB server whose capabilities lack
CLIENT_SSL.  A client that goes on anyway sends its login packet (user
name and password hash) in clear: the server answers it with an error
saying so, which the client reports.  A client that demands TLS must hang
up before that, so its error is its own.

Prints the chosen port and returns at once; a detached child serves for at
most 60 seconds (bounded), then exits.
"""
import os
import socket
import struct
import sys
import time

CLIENT_LONG_PASSWORD = 0x1
CLIENT_FOUND_ROWS = 0x2
CLIENT_LONG_FLAG = 0x4
CLIENT_CONNECT_WITH_DB = 0x8
CLIENT_PROTOCOL_41 = 0x200
CLIENT_TRANSACTIONS = 0x2000
CLIENT_SECURE_CONNECTION = 0x8000
CLIENT_MULTI_STATEMENTS = 0x10000
CLIENT_MULTI_RESULTS = 0x20000
CLIENT_PLUGIN_AUTH = 0x80000
CAPABILITIES = (CLIENT_LONG_PASSWORD | CLIENT_FOUND_ROWS | CLIENT_LONG_FLAG |
                CLIENT_CONNECT_WITH_DB | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS |
                CLIENT_SECURE_CONNECTION | CLIENT_MULTI_STATEMENTS |
                CLIENT_MULTI_RESULTS | CLIENT_PLUGIN_AUTH)  # no CLIENT_SSL (0x800)
PLUGIN = b"mysql_native_password"


def packet(seq, payload):
    return struct.pack("<I", len(payload))[:3] + bytes([seq]) + payload


def greeting():
    scramble = b"abcdefghijklmnopqrst"
    payload = (b"\x0a" + b"5.5.5-10.11.0-MariaDB-no-tls\x00" +
               struct.pack("<I", 1) + scramble[:8] + b"\x00" +
               struct.pack("<H", CAPABILITIES & 0xFFFF) + b"\x21" +
               struct.pack("<H", 2) + struct.pack("<H", CAPABILITIES >> 16) +
               bytes([len(scramble) + 1]) + b"\x00" * 10 +
               scramble[8:] + b"\x00" + PLUGIN + b"\x00")
    return packet(0, payload)


def recv_packet(conn):
    """One packet (seq, payload), or None when the client hung up."""
    head = b""
    while len(head) < 4:
        chunk = conn.recv(4 - len(head))
        if not chunk:
            return None
        head += chunk
    length = head[0] | head[1] << 8 | head[2] << 16
    body = b""
    while len(body) < length:
        chunk = conn.recv(length - len(body))
        if not chunk:
            return None
        body += chunk
    return head[3], body


def login_user(payload):
    """The user name of a protocol-41 login packet (after 32 fixed bytes)."""
    return payload[32:].split(b"\x00", 1)[0].decode("utf-8", "replace")


def serve(conn):
    conn.settimeout(5.0)
    try:
        conn.sendall(greeting())
        got = recv_packet(conn)
        if got is None:
            return
        seq, payload = got
        message = ("no-TLS test server: received the login packet of user '%s' "
                   "in clear" % login_user(payload)).encode()
        err = b"\xff" + struct.pack("<H", 1045) + b"#28000" + message
        conn.sendall(packet((seq + 1) & 0xFF, err))
    except OSError:
        pass
    finally:
        conn.close()


sock = socket.socket()
sock.bind(("127.0.0.1", 0))
sock.listen(16)
print(sock.getsockname()[1], flush=True)
if os.fork() > 0:
    sys.exit(0)
os.setsid()
devnull = os.open(os.devnull, os.O_RDWR)
for fd in (0, 1, 2):
    os.dup2(devnull, fd)
sock.settimeout(1.0)
deadline = time.time() + 60
while time.time() < deadline:
    try:
        conn, _ = sock.accept()
    except socket.timeout:
        continue
    serve(conn)

#!/usr/bin/env python3
"""Accepts TCP connections on 127.0.0.1 and never answers, for timeout tests.

Prints the chosen port and returns at once; a detached child serves for at
most 60 seconds (bounded), then exits.
"""
import os
import socket
import sys
import time

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
held = []
deadline = time.time() + 60
while time.time() < deadline:
    try:
        conn, _ = sock.accept()
        held.append(conn)
    except socket.timeout:
        pass

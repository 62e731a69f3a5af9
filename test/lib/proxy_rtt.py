#!/usr/bin/env python3
"""Measures the round trip through test/lib/delay_proxy.py as it runs on this
machine (the nominal delay plus the proxy's own time): 100 echoes of 64 bytes
through a proxy in front of a local echo server; prints the median in ms.
Usage: proxy_rtt.py DELAY_MS_ONE_WAY"""
import socket, subprocess, time, threading, sys, os
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); srv.bind(("127.0.0.1", 0)); srv.listen(1)
port = srv.getsockname()[1]
def echo():
    c, _ = srv.accept(); c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while True:
        d = c.recv(65536)
        if not d: break
        c.sendall(d)
threading.Thread(target=echo, daemon=True).start()
p = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "delay_proxy.py"), "--delay-ms", sys.argv[1], "--map", "0:127.0.0.1:%d" % port], stdout=subprocess.PIPE, text=True)
pport = int(p.stdout.readline().split()[0])
s = socket.create_connection(("127.0.0.1", pport)); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
ts = []
for i in range(100):
    t = time.perf_counter(); s.sendall(b"x" * 64); s.recv(100); ts.append((time.perf_counter() - t) * 1000)
ts.sort(); print("%.2f" % ts[50])
p.terminate()

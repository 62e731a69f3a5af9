#!/usr/bin/env python3
"""A TCP proxy that adds a fixed one-way delay to every chunk, both ways.

Stands in for a network with latency where tc netem is not available (no
sch_netem module, no network namespaces): each chunk read from one side is
written to the other side DELAY ms after it was read, in order, without
holding back the chunks behind it (a pipe with latency, not a bandwidth
limit).  A round trip through the proxy therefore costs 2 x DELAY more than
a direct connection.

    delay_proxy.py --delay-ms 2.5 --map 0:127.0.0.1:3306 --map 0:127.0.0.1:3307
                   [--port-file FILE]

Each --map LISTEN_PORT:TARGET_HOST:TARGET_PORT listens on 127.0.0.1
(LISTEN_PORT 0: a free port); the ports listened on are printed, one line
per --map in order, to stdout (or written to FILE once all listen), then the
proxy runs until SIGTERM or SIGINT.  Used by bench/shard.sh; see
DEVELOPMENT.md.
"""

import argparse
import asyncio
import os
import signal
import socket
import sys
import time

CHUNK = 65536


async def pipe(reader, writer, delay):
    """Copy reader to writer, each chunk delay seconds after it was read."""
    queue = asyncio.Queue()

    async def read_side():
        try:
            while True:
                data = await reader.read(CHUNK)
                queue.put_nowait((time.monotonic() + delay, data))
                if not data:
                    return
        except (ConnectionError, OSError):
            queue.put_nowait((time.monotonic() + delay, b""))

    async def write_side():
        try:
            while True:
                due, data = await queue.get()
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass

    await asyncio.gather(read_side(), write_side())


def no_delay(writer):
    """Send each chunk at once: Nagle's algorithm would add its own delay."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


async def handle(client_reader, client_writer, target, delay):
    try:
        server_reader, server_writer = await asyncio.open_connection(*target)
    except OSError:
        client_writer.close()
        return
    no_delay(client_writer)
    no_delay(server_writer)
    try:
        await asyncio.gather(pipe(client_reader, server_writer, delay),
                             pipe(server_reader, client_writer, delay))
    except asyncio.CancelledError:
        pass                    # the proxy is stopping
    finally:
        for w in (client_writer, server_writer):
            try:
                w.close()
            except OSError:
                pass


def parse_map(text):
    listen, host, port = text.rsplit(":", 2)
    return int(listen), (host, int(port))


async def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--delay-ms", type=float, required=True,
                    help="one-way delay per direction, milliseconds")
    ap.add_argument("--map", action="append", required=True, type=parse_map,
                    metavar="LISTEN_PORT:TARGET_HOST:TARGET_PORT")
    ap.add_argument("--port-file", help="write the listening ports here")
    args = ap.parse_args()
    delay = args.delay_ms / 1000.0

    servers = []
    ports = []
    for listen, target in args.map:
        srv = await asyncio.start_server(
            lambda r, w, t=target: handle(r, w, t, delay), "127.0.0.1", listen)
        servers.append(srv)
        ports.append(srv.sockets[0].getsockname()[1])
    text = "".join("%d\n" % p for p in ports)
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.rename(tmp, args.port_file)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for srv in servers:
        srv.close()


if __name__ == "__main__":
    asyncio.run(main())

#!/usr/bin/env python3
"""Tiny HTTP server for bench/run.sh's restart-availability test (stdlib only).

Socket: adopts the listening socket at fd $LISTEN_FD when that is set (as under
catflap), otherwise binds 127.0.0.1:--port itself with SO_REUSEADDR.

Shutdown: SIGTERM/SIGINT is graceful - the request being handled is finished,
nothing new is accepted, then the process exits. Connections still waiting in
the kernel's accept queue are left there: under catflap the next generation
accepts them, a self-bound socket resets them when it is closed.

Every response body says which generation, pid and socket mode answered.
--ready-file is created (holding the epoch ms) once the socket is serving; --max-seconds bounds the
lifetime whatever happens.
"""
import signal

stopping = False


def _stop(_signum, _frame):
    global stopping
    stopping = True


# Installed before the (slow) imports below: a TERM that arrives while we are
# still starting up just makes us exit before accepting anything.
signal.signal(signal.SIGTERM, _stop)
signal.signal(signal.SIGINT, _stop)

import argparse  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from http.server import BaseHTTPRequestHandler, HTTPServer  # noqa: E402


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = self.server.banner.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0, help="port to bind when LISTEN_FD is not set")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--generation", default="0")
    ap.add_argument("--ready-file", help="create this file, holding the epoch ms, once serving")
    ap.add_argument("--max-seconds", type=float, default=60.0, help="exit after this long in any case")
    args = ap.parse_args()

    listen_fd = os.environ.get("LISTEN_FD")
    if listen_fd:
        server = HTTPServer((args.host, 0), Handler, bind_and_activate=False)
        server.socket.close()
        server.socket = socket.socket(fileno=int(listen_fd))  # family/type read from the fd
        server.server_address = server.socket.getsockname()
        mode = "LISTEN_FD"
    else:
        server = HTTPServer((args.host, args.port), Handler)  # sets SO_REUSEADDR
        mode = "self-bound"
    server.banner = f"gen={args.generation} pid={os.getpid()} socket={mode}\n"

    if args.ready_file:  # holds the time (epoch ms) we started serving
        with open(args.ready_file + ".tmp", "w") as f:
            f.write(str(int(time.time() * 1000)))
        os.rename(args.ready_file + ".tmp", args.ready_file)
    server.timeout = 0.05  # handle_request() returns at least this often to look at `stopping`
    deadline = time.monotonic() + args.max_seconds
    while not stopping and time.monotonic() < deadline:
        server.handle_request()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

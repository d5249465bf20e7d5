#!/usr/bin/env python3
"""catflap example: a standard-library HTTP server on an inherited socket.

    target/catflap -p 8080 -- python3 examples/python/server.py
"""
import os
import signal
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


class InheritedHTTPServer(HTTPServer):
    """An HTTPServer that adopts an already bound and listening socket."""

    def __init__(self, fd, handler):
        # Skip bind()/listen(): the socket was set up by catflap, once.
        super().__init__(None, handler, bind_and_activate=False)
        self.socket.close()  # the placeholder socket TCPServer created
        self.socket = socket.socket(fileno=fd)  # family/type are detected
        # A previous server (e.g. Node) may have left the shared socket
        # non-blocking; socketserver expects a blocking accept().
        self.socket.setblocking(True)
        self.server_address = self.socket.getsockname()


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"hello from python pid {os.getpid()}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    fd = os.environ.get("LISTEN_FD")
    if fd is None:
        sys.exit("LISTEN_FD is not set; run me under catflap")
    with InheritedHTTPServer(int(fd), Hello) as server:
        # Stop between requests rather than in the middle of one, and exit 0.
        # shutdown() waits for serve_forever() to return, so it can't run in
        # the main thread, where the signal handler runs.
        def stop(*_):
            threading.Thread(target=server.shutdown).start()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        print(f"python pid {os.getpid()} accepting on {server.server_address}", file=sys.stderr)
        server.serve_forever()


if __name__ == "__main__":
    main()

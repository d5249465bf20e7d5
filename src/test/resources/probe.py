"""A probe command for catflap's tests: reports, as JSON on stdout, what it received from the
process that started it (pid, fds, sockets, environment and argument bytes, signals, limits), or
serves a few connections on its inherited socket.

  probe.py report [ARGS...]      print the report and exit 0
  probe.py exit N                exit with status N
  probe.py serve [N] [DELAY]     wait DELAY seconds, then answer N connections on $LISTEN_FD
                                 (default 1) with "pid <pid>\n", then exit 0
"""
import json
import os
import resource
import socket
import sys
import time


def status_field(name):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(name + ":"):
                return line.split()[1]
    return None


def socket_info(fd):
    sock = socket.socket(fileno=os.dup(fd))
    try:
        address = sock.getsockname()
        return {
            "family": sock.family.name,
            "type": sock.type.name,
            "listening": sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1,
            "reuseaddr": sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) == 1,
            "address": socket_address(address),
        }
    finally:
        sock.close()


def socket_address(address):
    """[host, port] for IP; a Unix socket's path, or @NAME in the abstract namespace."""
    if isinstance(address, bytes):
        return "@" + address[1:].decode("utf-8", "backslashreplace")
    if isinstance(address, str):
        return address
    return list(address[:2])


def descriptors():
    fds = {}
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            target = os.readlink("/proc/self/fd/%d" % fd)
        except OSError:
            continue  # the directory listing's own descriptor, gone by now
        entry = {"target": target, "inheritable": os.get_inheritable(fd), "blocking": os.get_blocking(fd)}
        if target.startswith("socket:"):
            entry["socket"] = socket_info(fd)
        fds[str(fd)] = entry
    return fds


def report(args):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    print(json.dumps({
        "pid": os.getpid(),
        "ppid": os.getppid(),
        "argv": [os.fsencode(arg).hex() for arg in args],
        "environ": sorted((key + b"=" + value).hex() for key, value in os.environb.items()),
        "fds": descriptors(),
        "sigblk": status_field("SigBlk"),
        "sigign": status_field("SigIgn"),
        "nofile": [soft, hard],
    }))


def serve(count, delay):
    time.sleep(delay)
    listener = socket.socket(fileno=int(os.environ.get("LISTEN_FD", "3")))
    for _ in range(count):
        connection, _ = listener.accept()
        with connection:
            connection.sendall(b"pid %d\n" % os.getpid())


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "report":
        report(sys.argv[2:])
    elif mode == "exit":
        sys.exit(int(sys.argv[2]))
    elif mode == "serve":
        serve(int(sys.argv[2]) if len(sys.argv) > 2 else 1, float(sys.argv[3]) if len(sys.argv) > 3 else 0)
    else:
        sys.exit("unknown mode " + mode)

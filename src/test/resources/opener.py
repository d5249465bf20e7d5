#!/usr/bin/env python3
"""A reading attacker for the trust tests: opens each new entry of a directory the moment it appears.

    opener.py DIR SECONDS

Watches DIR with inotify; each entry created (or renamed) in it is opened for reading at once, as
another user who may read DIR would, and the descriptor kept: what the owner writes into it later,
even after removing the name, can still be read through it. It prints 'ready' once the watch is in
place, 'opened NAME' for each entry it could open, and at the end (after SECONDS) 'read NAME HEX'
with everything each one held. Entries it could not open are left alone. Runs as whoever starts it
(the tests use setpriv).
"""
import ctypes
import os
import select
import signal
import struct
import sys
import time

IN_CREATE = 0x00000100
IN_MOVED_TO = 0x00000080
IN_NONBLOCK = 0o4000

class Stop(Exception):
    pass

def stop(_signum, _frame):
    raise Stop()

def main():
    directory, seconds = sys.argv[1], float(sys.argv[2])
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init1(IN_NONBLOCK)
    if fd < 0:
        sys.exit("inotify_init1: " + os.strerror(ctypes.get_errno()))
    if libc.inotify_add_watch(fd, os.fsencode(directory), IN_CREATE | IN_MOVED_TO) < 0:
        sys.exit("inotify_add_watch: " + os.strerror(ctypes.get_errno()))
    opened = []
    signal.signal(signal.SIGTERM, stop)
    print("ready", flush=True)
    try:
        watch(fd, directory, time.monotonic() + seconds, opened)
    except Stop:
        pass
    for name, entry in opened:
        held = b""
        try:
            while True:
                chunk = os.read(entry, 65536)
                if not chunk:
                    break
                held += chunk
        except OSError:
            pass  # a directory, or a FIFO with nothing in it
        print("read " + name + " " + held.hex(), flush=True)

def watch(fd, directory, deadline, opened):
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            continue
        offset = 0
        while offset < len(data):
            _wd, _mask, _cookie, length = struct.unpack_from("iIII", data, offset)
            name = data[offset + 16:offset + 16 + length].rstrip(b"\0").decode("utf-8", "surrogateescape")
            offset += 16 + length
            try:
                entry = os.open(os.path.join(directory, name), os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
            except OSError:
                continue  # not ours to read (or gone already)
            opened.append((name, entry))
            print("opened " + name, flush=True)

if __name__ == "__main__":
    main()

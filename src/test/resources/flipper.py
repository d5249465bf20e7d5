#!/usr/bin/env python3
"""A racing attacker for the settings files' trust: flips a file's name to a link and back.

    flipper.py DIR NAME TARGET SECONDS

As another user who may rename entries in DIR (a member of its group, DIR being 2775) would, it
loops: renames DIR/NAME away to DIR/.flip.NAME, puts its own symbolic link to TARGET under NAME,
renames the file back over the link (at once, or every other round after 0.2 ms, so that both the
swaps and the link are seen). A program that judges NAME and then opens it by name can be
handed the link's target in between. Prints 'ready' before the first flip and, on SIGTERM or
after SECONDS, 'flips N' for the N rounds it made (the file is always put back), then ends.
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
    directory, name, target, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    signal.signal(signal.SIGTERM, ended)
    entry = os.path.join(directory, name)
    away = os.path.join(directory, ".flip." + name)
    flips = 0
    print("ready", flush=True)
    deadline = time.monotonic() + seconds
    while not stop and time.monotonic() < deadline:
        os.rename(entry, away)
        try:
            os.symlink(target, entry)
            if flips % 2:
                time.sleep(0.0002)  # every other round the link stays a little: a run sees it, not only the swaps
        finally:
            os.rename(away, entry)
        flips += 1
    print("flips %d" % flips, flush=True)

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Sends catflap SIGTERM while it is still starting, at a moment a test could not otherwise hit:
catflap's stderr is a full pipe, so its first line there (the listening line) blocks it within
its own code, before it supervises anything. Once the signal has had a second to act, the pipe is
drained and catflap goes on. Prints how catflap ended ("signal N", "exit N", or "hung" when it
had not ended 10 s later), and "left PID" for each process of catflap's left running.

usage: signal_while_starting.py CATFLAP-COMMAND-LINE...
"""
import ctypes
import fcntl
import os
import signal
import subprocess
import sys
import threading
import time

PR_SET_CHILD_SUBREAPER = 36


def fill(fd):
    fcntl.fcntl(fd, fcntl.F_SETFL, os.O_NONBLOCK)
    try:
        while True:
            os.write(fd, b"\n" * 4096)
    except BlockingIOError:
        pass
    fcntl.fcntl(fd, fcntl.F_SETFL, 0)


def blocked_writing(pid):
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/wchan") as wchan:
                if "pipe_write" in wchan.read():
                    return True
    except OSError:
        pass
    return False


def drain(fd):
    while os.read(fd, 65536):
        pass


def children():
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == os.getpid() and fields[0] != "Z":
                found.append(int(entry))
        except (OSError, ValueError):
            pass
    return found


def main():
    # catflap's processes that outlive it become this one's, to be seen and cleaned up
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    read_end, write_end = os.pipe()
    fill(write_end)
    catflap = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stderr=write_end)
    os.close(write_end)
    deadline = time.monotonic() + 60
    while not blocked_writing(catflap.pid):
        if catflap.poll() is not None or time.monotonic() > deadline:
            print("never blocked on stderr (%s)" % catflap.poll())
            return
        time.sleep(0.01)
    os.kill(catflap.pid, signal.SIGTERM)
    time.sleep(1)
    threading.Thread(target=drain, args=(read_end,), daemon=True).start()
    try:
        catflap.wait(10)
        status = catflap.returncode
        print("signal %d" % -status if status < 0 else "exit %d" % status)
    except subprocess.TimeoutExpired:
        print("hung")
        catflap.kill()
        catflap.wait()
    time.sleep(0.5)
    for pid in children():
        print("left %d" % pid)
        os.kill(pid, signal.SIGKILL)


main()

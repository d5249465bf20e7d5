"""Drives an interactive bash on a new terminal (pty), as a user at the keyboard would.

  job_control.py STEP...
    type:TEXT    types TEXT, then Enter
    key:X        types Ctrl-X (key:C is Ctrl-C, key:Z Ctrl-Z, key:\\ Ctrl-\\)
    await:TEXT   waits (15 s at most) until the terminal shows TEXT after what the last await
                 matched; a text typed is echoed, so await what only a program prints
    signal:NAME:FILE  sends signal NAME to the pid FILE holds, from outside the terminal
    touch:FILE   writes FILE (a change for catflap --watch)

bash's prompt shows the status of the last command: "status 130 $ ".

Prints all the terminal showed, then "shell alive" where bash still answered at the end, else
"shell gone"; exits 0, or 1 where an await timed out (or bash ended before it matched).
"""
import os
import pty
import select
import signal
import sys
import time

TIMEOUT = 15


def main(steps):
    pid, master = pty.fork()
    if pid == 0:
        os.environ["PS1"] = "status $? $ "
        os.environ.pop("PROMPT_COMMAND", None)
        os.execvp("bash", ["bash", "--norc", "--noprofile", "-i"])
    terminal = Terminal(master)
    status = 0
    for step in steps:
        kind, _, text = step.partition(":")
        if kind == "type":
            terminal.write(text.encode() + b"\r")
        elif kind == "key":
            terminal.write(bytes([ord(text.upper()) & 0x1f]))
        elif kind == "await":
            if not terminal.wait_for(text.encode()):
                print("TIMEOUT waiting for %r" % text)
                status = 1
                break
        elif kind == "signal":
            name, _, path = text.partition(":")
            with open(path) as pid_file:
                os.kill(int(pid_file.read()), getattr(signal, "SIG" + name))
        elif kind == "touch":
            with open(text, "a") as changed:
                changed.write("x")
        else:
            sys.exit("unknown step %r" % step)
    terminal.write(b"echo shell-$((40+2))\r")
    alive = terminal.wait_for(b"shell-42", 10)
    # SIGHUP, as a closed terminal window: bash passes it on to its jobs, stopped ones too, so a
    # catflap a failed step left behind ends with its run; SIGKILL where bash does not end by it
    os.kill(pid, signal.SIGHUP)
    deadline = time.monotonic() + 5
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.05)
    sys.stdout.write(terminal.output.decode("utf-8", "replace"))
    print("\nshell alive" if alive else "\nshell gone")
    sys.exit(status)


class Terminal:
    def __init__(self, master):
        self.master = master
        self.output = b""
        self.matched = 0
        self.closed = False

    def write(self, data):
        if not self.closed:
            os.write(self.master, data)

    def wait_for(self, text, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            found = self.output.find(text, self.matched)
            if found >= 0:
                self.matched = found + len(text)
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed:
                return False
            readable, _, _ = select.select([self.master], [], [], remaining)
            if readable:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # EIO: bash is gone, the terminal's other side closed
                    chunk = b""
                if not chunk:
                    self.closed = True
                self.output += chunk


if __name__ == "__main__":
    main(sys.argv[1:])

"""A probe command for catflap's tests: reports, as JSON on stdout, what it received from the
process that started it (pid, fds, sockets, environment and argument bytes, signals, limits), or
serves a few connections on its inherited socket.

  probe.py report [ARGS...]      print the report and exit 0
  probe.py report-file PATH [ARGS...]  write the report to PATH instead (complete once it is
                                 there), for a caller that closed stdout
  probe.py exit N                exit with status N
  probe.py serve [N] [DELAY]     wait DELAY seconds, then answer N connections on $LISTEN_FD
                                 (default 1) with "pid <pid>\n", then exit 0
  probe.py serve-forever         answer every connection so until SIGTERM or SIGINT, then finish
                                 the connection in hand and exit 0
  probe.py serve-slowly SECONDS  answer one connection so every SECONDS, for ever
  probe.py signals STATUS        print "ready <pid>", then "got <NAME>" for each HUP, INT, QUIT,
                                 USR1, USR2 and TERM received; exit STATUS after TERM
  probe.py stubborn              print "ready <pid>" and ignore SIGTERM until killed
  probe.py terminal CMD...       run CMD on a new terminal (pty) as its foreground job; once CMD
                                 prints "ready", type Ctrl-C; once it prints "got SIGINT", send
                                 CMD's process SIGTERM; print all CMD printed, exit with its status
  probe.py terminal-suspend CMD...  the same, typing Ctrl-Z first (and waiting a second)
  probe.py typing CMD...         run CMD on a new terminal (pty) as its foreground job; once CMD
                                 prints "ready", type "hello" and Enter; print all CMD printed,
                                 exit with its status
  probe.py waitstatus CMD...     run CMD, blocking no signal, and print how it ended: "exit N",
                                 or "signal N core C"
                                 (C 1 where it dumped core)
  probe.py stalled CMD...        run CMD with stderr a pipe that, once CMD has written its
                                 "Listening at" line, nobody reads and is full; then print
                                 "started <pid>", and "ended" once CMD has ended
  probe.py caller SPEC           become a caller in the state SPEC (JSON) describes, then exec
                                 its command: see caller()
"""
import ctypes
import json
import os
import pty
import resource
import select
import shutil
import signal
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


def raw_environ():
    """The environment exactly as execve passed it, in order, duplicates and all."""
    with open("/proc/self/environ", "rb") as environ:
        return [entry.hex() for entry in environ.read().split(b"\0")[:-1]]


def report(args):
    print(report_text(args))


def report_file(path, args):
    text = report_text(args)  # before any file of the probe's own is open
    with open(path + ".part", "w") as part:
        part.write(text)
    os.rename(path + ".part", path)


def report_text(args):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return json.dumps({
        "pid": os.getpid(),
        "ppid": os.getppid(),
        "argv": [os.fsencode(arg).hex() for arg in args],
        "environ": sorted((key + b"=" + value).hex() for key, value in os.environb.items()),
        "environ_raw": raw_environ(),
        "fds": descriptors(),
        "sigblk": status_field("SigBlk"),
        "sigign": status_field("SigIgn"),
        "nofile": [soft, hard],
    })


def serve(count, delay):
    time.sleep(delay)
    listener = socket.socket(fileno=int(os.environ.get("LISTEN_FD", "3")))
    for _ in range(count):
        connection, _ = listener.accept()
        with connection:
            connection.sendall(b"pid %d\n" % os.getpid())


def serve_slowly(interval):
    listener = socket.socket(fileno=int(os.environ.get("LISTEN_FD", "3")))
    while True:
        connection, _ = listener.accept()
        with connection:
            connection.sendall(b"pid %d\n" % os.getpid())
        time.sleep(interval)


def caller(spec):
    """Execs a command as a caller in a given state would. SPEC is JSON with:
    command  the command's words, hex (searched on this process's PATH)
    ignore   signal numbers to ignore, after Python's own changes (SIGPIPE and SIGXFSZ ignored,
             SIGINT caught) are undone; other signals stay as inherited (a JVM's children have
             32 and 33 ignored)
    block    signal numbers to block
    nofile   the soft RLIMIT_NOFILE to set (optional)
    environ  the environment entries, hex, passed as they are (optional: this one's otherwise)
    """
    spec = json.loads(spec)
    for number in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
        signal.signal(number, signal.SIG_DFL)
    for number in spec.get("ignore", []):
        signal.signal(number, signal.SIG_IGN)
    if "nofile" in spec:
        resource.setrlimit(resource.RLIMIT_NOFILE, (spec["nofile"], resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    words = [bytes.fromhex(word) for word in spec["command"]]
    path = words[0] if b"/" in words[0] else os.fsencode(shutil.which(os.fsdecode(words[0])))
    environ = [bytes.fromhex(entry) for entry in spec["environ"]] if "environ" in spec else \
        [key + b"=" + value for key, value in os.environb.items()]
    # ctypes' execve, not os.execve: it takes the entries as they are, even ones a dict cannot hold.
    libc = ctypes.CDLL(None, use_errno=True)
    argv = (ctypes.c_char_p * (len(words) + 1))(*words, None)
    envp = (ctypes.c_char_p * (len(environ) + 1))(*environ, None)
    signal.pthread_sigmask(signal.SIG_SETMASK, spec.get("block", []))
    libc.execve(path, argv, envp)
    sys.exit("cannot execute %r: %s" % (path, os.strerror(ctypes.get_errno())))


def serve_forever():
    # A signal only sets a flag (and wakes select): a connection accepted is always answered.
    stop = []
    wake_r, wake_w = socket.socketpair()
    wake_w.setblocking(False)
    signal.set_wakeup_fd(wake_w.fileno())
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.append(1))
    listener = socket.socket(fileno=int(os.environ.get("LISTEN_FD", "3")))
    while not stop:
        ready, _, _ = select.select([listener, wake_r], [], [])
        if listener in ready and not stop:
            connection, _ = listener.accept()
            with connection:
                connection.sendall(b"pid %d\n" % os.getpid())


def signals(status):
    def received(signum, _frame):
        print("got " + signal.Signals(signum).name, flush=True)
        if signum == signal.SIGTERM:
            sys.exit(status)
    for signum in (signal.SIGHUP, signal.SIGINT, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2, signal.SIGTERM):
        signal.signal(signum, received)
    print("ready %d" % os.getpid(), flush=True)
    while True:
        signal.pause()


def stubborn():
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print("ready %d" % os.getpid(), flush=True)
    while True:
        signal.pause()


def terminal(command, suspend=False):
    pid, master = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    output = b""
    killed = False
    deadline = time.monotonic() + 60
    steps = [(b"ready", lambda: os.write(master, b"\x03")), (b"got SIGINT", lambda: os.kill(pid, signal.SIGTERM))]
    if suspend:
        steps.insert(0, (b"ready", lambda: (os.write(master, b"\x1a"), time.sleep(1))))
    while True:
        if steps and steps[0][0] in output:
            steps.pop(0)[1]()
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0 and not killed:
            os.kill(pid, signal.SIGKILL)
            killed = True
        chunk = pty_read(master, max(remaining, 0.1))
        if chunk is None:
            continue
        if not chunk:
            break
        output += chunk
    finish(pid, output)


def pty_read(master, wait):
    """What the command wrote on its terminal within WAIT seconds: None for nothing yet, b"" once it is closed."""
    readable, _, _ = select.select([master], [], [], wait)
    if not readable:
        return None
    try:
        return os.read(master, 4096)
    except OSError:  # EIO: the terminal's other side is closed
        return b""


def finish(pid, output):
    """Print what the command on the terminal printed, and exit with its status."""
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(output.decode("utf-8", "replace"))
    sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)


def typing(command):
    pid, master = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    output = b""
    typed = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not typed and b"ready" in output:
            os.write(master, b"hello\r")
            typed = True
        chunk = pty_read(master, 0.1)
        if chunk is None:
            continue
        if not chunk:
            break
        output += chunk
    else:
        os.kill(pid, signal.SIGKILL)
    finish(pid, output)


def waitstatus(command):
    # A caller that blocks no signal: a JVM before JDK 25 starts its children (this one) with
    # SIGQUIT blocked, and a command that kills itself with it would then go on.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    pid = os.spawnvp(os.P_NOWAIT, command[0], command)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        print("signal %d core %d" % (os.WTERMSIG(status), 1 if os.WCOREDUMP(status) else 0), flush=True)
    else:
        print("exit %d" % os.WEXITSTATUS(status), flush=True)


def stalled(command):
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.dup2(write_end, 2)
        os.execvp(command[0], command)
    # Passes CMD's stderr on until the listening line, then reads no more and fills the pipe
    # through a descriptor of its own: O_NONBLOCK there leaves CMD's blocking.
    seen = b""
    while b"Listening at" not in seen or not seen.endswith(b"\n"):
        chunk = os.read(read_end, 1)
        if not chunk:
            break
        seen += chunk
    sys.stderr.buffer.write(seen)
    sys.stderr.flush()
    filler = os.open("/proc/self/fd/%d" % write_end, os.O_WRONLY | os.O_NONBLOCK)
    for size in (4096, 1):
        try:
            while True:
                os.write(filler, b"x" * size)
        except BlockingIOError:
            pass
    print("started %d" % child, flush=True)
    os.waitpid(child, 0)
    print("ended", flush=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "report":
        report(sys.argv[2:])
    elif mode == "report-file":
        report_file(sys.argv[2], sys.argv[3:])
    elif mode == "exit":
        sys.exit(int(sys.argv[2]))
    elif mode == "caller":
        caller(sys.argv[2])
    elif mode == "serve":
        serve(int(sys.argv[2]) if len(sys.argv) > 2 else 1, float(sys.argv[3]) if len(sys.argv) > 3 else 0)
    elif mode == "serve-forever":
        serve_forever()
    elif mode == "serve-slowly":
        serve_slowly(float(sys.argv[2]))
    elif mode == "signals":
        signals(int(sys.argv[2]))
    elif mode == "stubborn":
        stubborn()
    elif mode == "terminal":
        terminal(sys.argv[2:])
    elif mode == "terminal-suspend":
        terminal(sys.argv[2:], suspend=True)
    elif mode == "typing":
        typing(sys.argv[2:])
    elif mode == "waitstatus":
        waitstatus(sys.argv[2:])
    elif mode == "stalled":
        stalled(sys.argv[2:])
    else:
        sys.exit("unknown mode " + mode)

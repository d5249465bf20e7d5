#!/usr/bin/env bash
# bench/edit-to-answer.sh - the dev loop's latency: from an edit of the server's source to the first
# answer from the new server, under `catflap --watch` and under `entr -r`, in turns, on the same
# server. Each tool runs its own copy of the server in a directory of its own; each round edits
# catflap's copy, then entr's (append a comment line, written in place as an editor that does not
# rename does), and a client sends requests back to back until a new pid answers: the time from
# the write to that answer is one sample. Requests that fail (refused, reset, timed out) are
# counted per tool: under catflap there should be none, as the socket stays bound across restarts;
# a server restarted by entr binds its own port, and refuses connections while it starts. Besides
# the medians, the median of the rounds' differences (catflap's edit, then entr's, one after the other).
#
#   ./mvnw package && bench/edit-to-answer.sh [--edits N] [--server node|python] [-- CATFLAP OPTIONS...]
#
# Options after -- go to catflap (e.g. `-- --debounce 50ms`). Needs entr (apt-get install entr),
# python3, and node for the node server (examples/node/server.js, made to bind its own port when
# LISTEN_FD is unset, for entr). The python server is bench/httpd.py.
set -u -f
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
CATFLAP=${CATFLAP:-$ROOT/target/catflap}
EDITS=15 SERVER=node EXTRA=()
while [ $# -gt 0 ]; do
    case $1 in
        --edits) EDITS=${2:?}; shift ;;
        --server) SERVER=${2:?}; shift ;;
        --) shift; EXTRA=("$@"); break ;;
        -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$CATFLAP" ] || { echo "bench: no $CATFLAP: build first (./mvnw package)" >&2; exit 1; }
command -v entr >/dev/null || { echo "bench: entr is needed (apt-get install -y entr)" >&2; exit 1; }
PY=$(python3 -c 'import sys; print(sys.executable)') || { echo "bench: python3 is needed" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/catflap-edit.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
"$PY" - "$CATFLAP" "$WORK" "$EDITS" "$SERVER" "$ROOT" "${EXTRA[@]}" <<'PYTHON'
import os, re, signal, socket, statistics, subprocess, sys, time

catflap, work, edits, server, root = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
extra = sys.argv[6:]


def freeport():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def source(directory):
    """The server's source in its own directory, and the command that runs it."""
    if server == "node":
        text = open(os.path.join(root, "examples/node/server.js")).read()
        # For entr: with no LISTEN_FD, bind PORT (the same server otherwise).
        text = text.replace("if (!Number.isInteger(fd)) {", "if (!Number.isInteger(fd) && process.env.PORT) {\n"
                            "  http.createServer((req, res) => res.end(`hello from node pid ${process.pid}\\n`))"
                            ".listen(Number(process.env.PORT), '127.0.0.1');\n} else if (!Number.isInteger(fd)) {")
        text = text.replace("server.listen({ fd }", "if (Number.isInteger(fd)) server.listen({ fd }")
        name, command = "server.js", ["node"]
    else:
        text = open(os.path.join(root, "bench/httpd.py")).read()
        name, command = "server.py", [sys.executable]
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(text)
    return path, command + [path] + (["--max-seconds", "86400"] if server == "python" else [])


def pid_of(port, timeout=2.0):
    """The pid in the server's answer, or None when the request failed."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")
            data = b""
            while chunk := s.recv(4096):
                data += chunk
        found = re.search(rb"pid[ =]([0-9]+)", data)  # node: "pid 123", bench/httpd.py: "pid=123"
        return int(found.group(1)) if found else None
    except (OSError, ValueError):
        return None


class Tool:
    def __init__(self, name):
        self.name, self.samples, self.failed, self.requests = name, [], 0, 0
        self.dir = os.path.join(work, name)
        os.mkdir(self.dir)
        self.file, command = source(self.dir)
        self.port = freeport()
        env = dict(os.environ)
        env.pop("LISTEN_FD", None)
        log = open(os.path.join(work, name + ".log"), "w")
        if name == "catflap":
            argv = [catflap, "-q", "-p", str(self.port), "--watch", self.dir] + extra + ["--"] + command
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                                         start_new_session=True)
        else:
            env["PORT"] = str(self.port)
            argv = ["entr", "-n", "-r"] + command + (["--port", str(self.port)] if server == "python" else [])
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=log, stderr=log, env=env,
                                         start_new_session=True)
            self.proc.stdin.write((self.file + "\n").encode())
            self.proc.stdin.close()
        deadline = time.monotonic() + 60
        while pid_of(self.port, 0.5) is None:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                sys.exit(f"bench: {name} did not answer on port {self.port}:\n{open(log.name).read()}")
            time.sleep(0.05)

    def edit(self, n):
        old = pid_of(self.port)
        t0 = time.monotonic()
        with open(self.file, "a") as f:
            f.write(f"\n// edit {n}\n" if server == "node" else f"\n# edit {n}\n")
        while True:
            self.requests += 1
            pid = pid_of(self.port)
            if pid is None:
                self.failed += 1
                if time.monotonic() - t0 > 30:
                    sys.exit(f"bench: {self.name}: no new server 30 s after an edit")
                time.sleep(0.001)  # a refused connection returns at once: do not spin
            elif pid != old:
                self.samples.append(time.monotonic() - t0)
                return

    def stop(self):
        if self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)


tools = [Tool("catflap")]
try:
    tools.append(Tool("entr"))
except SystemExit:
    tools[0].stop()
    raise
try:
    time.sleep(2.5)  # past catflap's restart pacing window of the first start
    for n in range(edits):
        for tool in tools:
            tool.edit(n)
            # 2.5 s between two edits of one tool: each edit is a slow one for catflap's restart pacing
            time.sleep(1.25)
finally:
    for tool in tools:
        tool.stop()

print(f"{edits} edits each, in turns, {server} server; catflap options: {' '.join(extra) or '(none)'}\n")
print("| tool | median ms | min ms | max ms | failed requests / requests |")
print("|---|---:|---:|---:|---:|")
for tool in tools:
    ms = [s * 1000 for s in tool.samples]
    print(f"| {tool.name} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} | {tool.failed} / {tool.requests} |")
gap = statistics.median(tools[0].samples) - statistics.median(tools[1].samples)
# Each round's two edits are made one after the other: the difference within a round is what a
# machine whose load drifts (others building) distorts least.
paired = statistics.median(c - e for c, e in zip(tools[0].samples, tools[1].samples))
print(f"\ncatflap - entr: {gap * 1000:+.0f} ms (medians), {paired * 1000:+.0f} ms (median of the rounds' differences)")
PYTHON
status=$?
printf '\nMachine: %s cores, load average %s before, %s after.\n' "$(nproc)" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)"
exit $status

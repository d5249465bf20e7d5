#!/bin/sh
# A stand-in for a file watcher or process supervisor, for trying out restarts:
#
#   target/catflap -p 8080 -- examples/restart-loop.sh node examples/node/server.js
#
# catflap execs this script, so the script (same pid) now owns the listening
# socket. Each server run inherits it, and when a server exits the socket stays
# open here: clients connecting between two runs wait in the kernel's accept
# queue instead of being refused. Kill the server (its pid is in every reply)
# and the next request is answered by the next run.
set -u

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
cmdline="$*"

# Under catflap --systemd, LISTEN_PID names this shell, but the server runs in a
# child with another pid and would (rightly) ignore the socket. Start each run
# through a tiny sh that sets LISTEN_PID to its own pid, then execs the server
# so the pid stays the same.
if [ "${LISTEN_PID:-}" = "$$" ]; then
    set -- sh -c 'LISTEN_PID=$$; export LISTEN_PID; exec "$@"' sh "$@"
fi

# Ctrl-C reaches the server too; after it exits, stop instead of restarting.
trap 'exit 130' INT
trap 'exit 143' TERM

while :; do
    "$@"
    echo "[restart-loop] $cmdline exited with status $?, restarting in 1s" >&2
    sleep 1 # don't spin if the server fails straight away
done

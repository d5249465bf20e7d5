#!/bin/sh
# Restart loop for bench/run.sh's restart-availability test (POSIX sh).
#
#   sh bench/restart-loop.sh PYTHON PORT RESTARTS SLOT_MS STATEDIR
#
# Starts bench/httpd.py (generation 0; python -S, for a quicker start-up) and waits until STATEDIR/go exists (at
# most 30 s; the client writes its start time, epoch ms, into it). Then it
# restarts the server RESTARTS times: sends the current generation SIGTERM,
# waits for it to exit and starts the next one. Restart i happens at
# go + i * SLOT_MS, moved by a deterministic "random-ish" jitter of up to
# +-25 % of a slot, but never sooner than 20 ms after the current generation
# got ready; run.sh makes (RESTARTS + 1) * SLOT_MS the client's window, so the
# restarts are spread over it and each generation serves for a short, varying
# time. The last
# generation keeps serving until this script gets SIGTERM/SIGINT (or the
# server's own --max-seconds runs out). One line per generation goes to
# STATEDIR/generations.log.
#
# Run it plainly and httpd.py binds PORT itself; run it under catflap
# (catflap -q -p PORT -- sh bench/restart-loop.sh ...) and every generation
# inherits fd 3 + LISTEN_FD and adopts catflap's socket instead.

[ $# -eq 5 ] || { echo "usage: $0 PYTHON PORT RESTARTS SLOT_MS STATEDIR" >&2; exit 2; }
PY=$1 PORT=$2 RESTARTS=$3 SLOT=$4 STATE=$5
HTTPD=$(dirname "$0")/httpd.py
LOG=$STATE/generations.log
MAX_SECONDS=120   # hard cap on every server generation's lifetime

srv=
stop() {
    [ -n "$srv" ] && kill -TERM "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
    exit 0
}
trap stop TERM INT HUP

now_ms() { date +%s%3N; }

# start_server GEN: start a generation and wait (at most 10 s) until it serves.
start_server() {
    rm -f "$STATE/ready"
    "$PY" -S "$HTTPD" --port "$PORT" --generation "$1" --ready-file "$STATE/ready" \
        --max-seconds "$MAX_SECONDS" &
    srv=$!
    n=0
    while [ ! -e "$STATE/ready" ] && [ $n -lt 1000 ] && kill -0 "$srv" 2>/dev/null; do
        sleep 0.01
        n=$((n + 1))
    done
    if [ -e "$STATE/ready" ]; then
        echo "gen $1 pid $srv ready_ms $(cat "$STATE/ready")" >>"$LOG"
    else
        echo "gen $1 pid $srv NOT-READY $(now_ms)" >>"$LOG"
    fi
}

start_server 0
n=0
while [ ! -s "$STATE/go" ] && [ $n -lt 3000 ]; do sleep 0.01; n=$((n + 1)); done
go=$(cat "$STATE/go" 2>/dev/null)
case $go in '' | *[!0-9]*) go=$(now_ms) ;; esac
echo "go $go" >>"$LOG"

i=1
while [ "$i" -le "$RESTARTS" ]; do
    jitter=$((((i * 37) % 101 - 50) * SLOT / 200))  # -25..+25 % of a slot, same every run
    ms=$((go + i * SLOT + jitter - $(now_ms)))
    [ "$ms" -ge 20 ] || ms=20
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    kill -TERM "$srv" 2>/dev/null
    wait "$srv" 2>/dev/null
    start_server "$i"
    i=$((i + 1))
done
echo "done $RESTARTS restarts $(now_ms)" >>"$LOG"

# Keep the last generation serving until we are told to stop.
wait "$srv"

#!/usr/bin/env bash
# bench/idle-cpu.sh - what an idle supervising catflap costs, whatever the machine's socket count:
# the CPU ticks (utime + stime in /proc/PID/stat, all its threads) of `catflap -p 0 --spawn --
# sleep 3600` over SECONDS, from SETTLE s after its listening line (its start is not counted),
# with no other socket open and with SOCKETS other listening TCP sockets open by python3 helpers
# (the accept-queue watch once read every line of /proc/net/tcp and tcp6 each second). Two builds
# side by side, in turns (each socket count, each build, once per round). Medians on stdout.
#
#   bench/idle-cpu.sh [--seconds N] [--sockets N] [--rounds N] BASELINE_DIR CHANGED_DIR
#
# Each DIR is a checkout whose ./mvnw package has run (DIR/target/catflap). Run as root, it moves
# into a network namespace of its own (unshare --net, lo up): the sockets it opens take no port
# from anyone, and /proc/net/tcp holds only them. One tick is 1/CLK_TCK s (getconf CLK_TCK).
set -u
SECONDS_IDLE=30 SOCKETS=20000 ROUNDS=3 SETTLE=8
while [ $# -gt 2 ]; do
    case $1 in
        --seconds) SECONDS_IDLE=${2:?}; shift 2 ;;
        --sockets) SOCKETS=${2:?}; shift 2 ;;
        --rounds) ROUNDS=${2:?}; shift 2 ;;
        *) break ;;
    esac
done
[ $# -eq 2 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
BUILDS=("$1" "$2")
for build in "${BUILDS[@]}"; do
    [ -x "$build/target/catflap" ] || { echo "idle-cpu: no $build/target/catflap (run ./mvnw package there)" >&2; exit 2; }
done
if [ "$(id -u)" = 0 ] && [ -z "${IDLE_CPU_NETNS:-}" ] && unshare --net true 2>/dev/null; then
    exec env IDLE_CPU_NETNS=1 unshare --net bash -c 'ip link set lo up && exec "$@"' bash "$0" \
        --seconds "$SECONDS_IDLE" --sockets "$SOCKETS" --rounds "$ROUNDS" "$@"
fi
WORK=$(mktemp -d)
trap 'kill $helpers $catflap 2>/dev/null; rm -rf "$WORK"' EXIT
helpers= catflap=
TICK=$(getconf CLK_TCK)

ticks() { # utime + stime of process $1; the name in field 2 may hold spaces: count from its ')'
    sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

open_sockets() { # starts helpers holding $1 listening sockets in all; returns once they are open
    local left=$1 share i=0
    while [ "$left" -gt 0 ]; do # 10,000 each: the open-files limit may not be raised past its hard 20,000
        share=$((left < 10000 ? left : 10000))
        left=$((left - share))
        python3 - "$share" >"$WORK/helper.$i" <<'PY' &
import resource, socket, sys, time
count = int(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 64), hard))
sockets = []
for _ in range(count):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    sockets.append(s)
print("ready", flush=True)
time.sleep(100000)
PY
        helpers+=" $!"
        i=$((i + 1))
    done
    until [ "$(cat "$WORK"/helper.* 2>/dev/null | grep -c ready)" -eq "$i" ]; do
        for pid in $helpers; do
            kill -0 "$pid" 2>/dev/null || { echo "idle-cpu: a helper could not open its sockets" >&2; exit 1; }
        done
        sleep 0.2
    done
}

close_sockets() {
    [ -n "$helpers" ] || return 0
    { kill $helpers; wait $helpers; } 2>/dev/null
    helpers=
    rm -f "$WORK"/helper.*
}

measure() { # sets MEASURED: the ticks of an idle catflap of build $1 over SECONDS_IDLE
    : >"$WORK/err"
    "$1/target/catflap" -p 0 --spawn -- sleep 3600 2>"$WORK/err" &
    catflap=$!
    until grep -q 'Listening at' "$WORK/err"; do
        kill -0 "$catflap" 2>/dev/null || { echo "idle-cpu: $1/target/catflap ended: $(cat "$WORK/err")" >&2; exit 1; }
        sleep 0.1
    done
    sleep "$SETTLE"
    local before after
    before=$(ticks "$catflap")
    sleep "$SECONDS_IDLE"
    after=$(ticks "$catflap")
    { kill -TERM "$catflap"; wait "$catflap"; } 2>/dev/null # it ends by SIGTERM, as its command did
    catflap=
    MEASURED=$((after - before))
}

declare -A results
declare -A lines
for ((round = 0; round < ROUNDS; round++)); do
    for count in 0 "$SOCKETS"; do
        [ "$count" -gt 0 ] && open_sockets "$count"
        lines["$count"]=$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -vc local_address)
        for build in "${BUILDS[@]}"; do
            measure "$build"
            results["$build|$count"]+="$MEASURED "
        done
        close_sockets
    done
done

median() {
    tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo "| other sockets (lines in /proc/net/tcp{,6}) | ${BUILDS[0]} | ${BUILDS[1]} |"
echo "|---|---|---|"
for count in 0 "$SOCKETS"; do
    row="| $count (${lines[$count]}) |"
    for build in "${BUILDS[@]}"; do
        m=$(median <<<"${results["$build|$count"]}")
        row+=" $m ticks ($(awk -v m="$m" -v t="$TICK" -v s="$SECONDS_IDLE" 'BEGIN { printf "%.2f", 100 * m / t / s }') % of a core; each: ${results["$build|$count"]% }) |"
    done
    echo "$row"
done
echo "(ticks over ${SECONDS_IDLE} s of an idle \`catflap -p 0 --spawn -- sleep 3600\`, median of $ROUNDS rounds in turns;" \
    "1 tick = 1/$TICK s; $(nproc) cores, $(uptime | sed 's/.*load average/load average/'))"

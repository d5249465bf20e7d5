#!/usr/bin/env bash
# bench/startup.sh - catflap's start against a Java hello-world of the same JDK, timed in turns
# (each command once per round, so that a machine whose speed drifts, or that others load, slows
# both alike): the medians and their ratio, the figure issue 15 asks to keep within 7x; beside
# them the CPU time (all threads, the launcher's programs included) and its ratio.
#
#   ./mvnw package && bench/startup.sh [--runs N] [CATFLAP...]
#
# CATFLAP is target/catflap unless named (e.g. another build's, to compare two in one run: name
# several, each is a row). The hello-world runs on the JDK catflap runs on: JAVA=.../bin/java, else
# $JAVA_HOME's (the launcher runs on it where set), else the one the first CATFLAP's launcher is
# bound to, as `java -Xshare:auto -XX:TieredStopAtLevel=1 Hello`.
set -u -f
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
RUNS=40 WARMUP=3
CATFLAPS=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=${2:?}; shift ;;
        -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) CATFLAPS+=("$1") ;;
    esac
    shift
done
[ ${#CATFLAPS[@]} -gt 0 ] || CATFLAPS=("$ROOT/target/catflap")
for c in "${CATFLAPS[@]}"; do
    [ -x "$c" ] || { echo "bench: no $c: build first (./mvnw package)" >&2; exit 1; }
done
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
JAVA=${JAVA:-$(sed -n 's/^java=//p' "${CATFLAPS[0]}")}
[ -x "$JAVA" ] || { echo "bench: no java at $JAVA: set JAVA" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/catflap-startup.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello");
    }
}
JAVA
"${JAVA%/java}/javac" -d "$WORK" "$WORK/Hello.java" || exit 1

NAMES=("java -Xshare:auto -XX:TieredStopAtLevel=1 Hello")
CMDS=("$(printf '%q ' "$JAVA" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$WORK" Hello)")
for c in "${CATFLAPS[@]}"; do
    NAMES+=("$c -q -p 0 -- /bin/true")
    CMDS+=("$(printf '%q ' "$c" -q -p 0 -- /bin/true)")
done
for row in "${!CMDS[@]}"; do
    eval "${CMDS[row]}" >/dev/null 2>"$WORK/err" || { echo "bench: failed: ${NAMES[row]}: $(head -c 300 "$WORK/err")" >&2; exit 1; }
done
export LC_ALL=C
# bash's time: wall clock, then user and system CPU time of the command and its children (all of a
# JVM's threads), which a loaded machine distorts less than the wall clock.
TIMEFORMAT='%3R %3U %3S'
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 0; round < WARMUP + RUNS; round++)); do
    for row in "${!CMDS[@]}"; do
        { time eval "${CMDS[row]}" >/dev/null 2>&1; } 2>"$WORK/last"
        [ "$round" -lt "$WARMUP" ] || cat "$WORK/last" >>"$WORK/$row"
    done
done
# median FILE FIELDS: the median of the sum of FIELDS (awk expression), in ms
median() { awk "{ print ($2) * 1000 }" "$1" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v m="$1" -v h="$2" 'BEGIN { printf "%.1fx", m / h }'; }
printf 'Machine: %s cores, load average %s before, %s after; %s; %s rounds in turns after %s warm-up.\n\n' \
    "$(nproc)" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$("$JAVA" -version 2>&1 | sed -n 2p)" "$RUNS" "$WARMUP"
printf '| command | median ms | ratio to hello-world | median CPU ms | CPU ratio |\n|---|---:|---:|---:|---:|\n'
hello=$(median "$WORK/0" '$1') hello_cpu=$(median "$WORK/0" '$2 + $3')
for row in "${!CMDS[@]}"; do
    m=$(median "$WORK/$row" '$1') cpu=$(median "$WORK/$row" '$2 + $3')
    printf '| `%s` | %s | %s | %s | %s |\n' "${NAMES[row]/#$ROOT\//}" "$m" "$(ratio "$m" "$hello")" "$cpu" "$(ratio "$cpu" "$hello_cpu")"
done

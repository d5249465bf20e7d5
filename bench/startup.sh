#!/usr/bin/env bash
# bench/startup.sh - catflap's start against a Java hello-world of the same JDK, timed in turns
# (each command once per round, so that a machine whose speed drifts, or that others load, slows
# both alike): the medians and their ratio, the figure issue 15 asks to keep within 7x.
#
#   ./mvnw package && bench/startup.sh [--runs N] [CATFLAP]
#
# CATFLAP is target/catflap unless named (e.g. another build's, to compare two in one run: name
# several, each is a row). The hello-world runs on the JDK the first CATFLAP's launcher is bound to
# (or JAVA=.../bin/java) as `java -Xshare:auto -XX:TieredStopAtLevel=1 Hello`.
set -u -f
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
RUNS=40 WARMUP=3
CATFLAPS=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=${2:?}; shift ;;
        -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) CATFLAPS+=("$1") ;;
    esac
    shift
done
[ ${#CATFLAPS[@]} -gt 0 ] || CATFLAPS=("$ROOT/target/catflap")
for c in "${CATFLAPS[@]}"; do
    [ -x "$c" ] || { echo "bench: no $c: build first (./mvnw package)" >&2; exit 1; }
done
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
for ((round = 0; round < WARMUP + RUNS; round++)); do
    for row in "${!CMDS[@]}"; do
        t0=$EPOCHREALTIME
        eval "${CMDS[row]}" >/dev/null 2>&1
        t1=$EPOCHREALTIME
        [ "$round" -lt "$WARMUP" ] || echo "$t0 $t1" >>"$WORK/$row"
    done
done
median() { awk '{ print ($2 - $1) * 1000 }' "$1" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
printf 'Machine: %s cores, load average %s; %s; %s rounds in turns after %s warm-up.\n\n' \
    "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$("$JAVA" -version 2>&1 | sed -n 2p)" "$RUNS" "$WARMUP"
printf '| command | median ms | ratio to hello-world |\n|---|---:|---:|\n'
hello=$(median "$WORK/0")
for row in "${!CMDS[@]}"; do
    m=$(median "$WORK/$row")
    printf '| `%s` | %s | %s |\n' "${NAMES[row]/#$ROOT\//}" "$m" "$(awk -v m="$m" -v h="$hello" 'BEGIN { printf "%.1fx", m / h }')"
done

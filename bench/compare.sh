#!/usr/bin/env bash
# bench/compare.sh - two builds of catflap side by side: how long `catflap -q -p 0 -- /bin/true`
# and `catflap --version` take with each, timed in turns (each command once per round, the builds
# alternating), so that a machine whose speed drifts slows both alike. Medians in ms on stdout.
#
#   bench/compare.sh [--runs N] BASELINE_DIR CHANGED_DIR
#
# Each DIR is a checkout whose ./mvnw package has run (DIR/target/catflap). Used to decide on JNA's
# direct mapping: the same commit with and without it. Besides the wall-clock time, the CPU time
# (user + system, of catflap and the JVM and what they run): on a machine others are loading, it
# says more than the wall clock does.
set -u
RUNS=20
if [ "${1:-}" = --runs ]; then RUNS=${2:?}; shift 2; fi
[ $# -eq 2 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
BUILDS=("$1" "$2")
COMMANDS=("-q -p 0 -- /bin/true" "--version")
declare -A times cpus
TIMEFORMAT="%3U %3S"

ms() { # microseconds between two EPOCHREALTIME values, as ms with one decimal
    local a=${1/./} b=${2/./}
    echo $(( (10#$b - 10#$a) / 100 ))
}

for build in "${BUILDS[@]}"; do
    [ -x "$build/target/catflap" ] || { echo "compare: no $build/target/catflap (run ./mvnw package there)" >&2; exit 2; }
    for command in "${COMMANDS[@]}"; do "$build/target/catflap" $command >/dev/null 2>&1; done # warm the page cache
done
for ((round = 0; round < RUNS; round++)); do
    for command in "${COMMANDS[@]}"; do
        for build in "${BUILDS[@]}"; do
            t0=$EPOCHREALTIME
            cpu=$( { time "$build/target/catflap" $command >/dev/null 2>&1; } 2>&1 )
            t1=$EPOCHREALTIME
            times["$build|$command"]+="$(ms "$t0" "$t1") "
            cpus["$build|$command"]+="$(awk '{ printf "%d", ($1 + $2) * 10000 }' <<<"$cpu") "
        done
    done
done

median() { # of tenths of ms, printed as ms
    sort -n | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 10 }'
}
echo "| command (median wall / CPU) | ${BUILDS[0]} | ${BUILDS[1]} |"
echo "|---|---|---|"
for command in "${COMMANDS[@]}"; do
    row="| catflap $command |"
    for build in "${BUILDS[@]}"; do
        row+=" $(tr ' ' '\n' <<<"${times["$build|$command"]}" | grep . | median) ms"
        row+=" / $(tr ' ' '\n' <<<"${cpus["$build|$command"]}" | grep . | median) ms |"
    done
    echo "$row"
done
echo "($RUNS runs each, in turns; $(nproc) cores, $(uptime | sed 's/.*load average/load average/'))"

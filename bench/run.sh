#!/usr/bin/env bash
# bench/run.sh - how fast catflap starts, per JVM setup, and how many requests a server restarted
# 30 times loses with and without catflap's socket. One run, one markdown table on stdout (after a
# line describing the machine); progress on stderr.
#
#   ./mvnw package && bench/run.sh [--runs N] [--quick] [--only startup|restart] [--setups A,B]
#                                  [--no-hyperfine] [--in-turns]
#
# Start-up rows time `COMMAND -q -p 0 -- /bin/true` to its end: /bin/true alone, the launcher as
# built (target/catflap), and `java <options> -jar quarkus-run.jar` for each setup below; two
# floors beside them: `target/catflap --version` (no settings, socket or exec) and `java -version`. Setups
# with an archive get it from a training run first (-Dcatflap.training=true: catflap does all but
# the exec, so the JVM exits and writes the archive) and force its use (-Xshare:on,
# -XX:AOTMode=on), so that an unusable archive fails its row instead of timing a JVM without it.
#
# Needs bash, python3 and the JDK the build used (or JAVA=.../bin/java; the AOT rows need JDK 25+).
# Times with hyperfine when installed, else with a loop on bash's clock. --in-turns times the
# start-up commands in rounds instead, each once per round (bash's clock), so that a machine whose
# speed drifts over minutes slows every row alike: use it to compare setups with each other.
set -u -f # -f: options are split into words below, never expanded as file names
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
CATFLAP=$ROOT/target/catflap
APP=$ROOT/target/quarkus-app
WORK=$ROOT/target/bench
MEASURED=(-q -p 0 -- /bin/true)

# name | minimum JDK | JVM options ({app}: target/quarkus-app, {work}: target/bench) | training option
# | jar, in target/quarkus-app (quarkus-run.jar, whose class path is 47 jars, unless named)
FAST='-XX:-UsePerfData -XX:TieredStopAtLevel=1 -XX:+UseSerialGC'
SETUPS="
default            | 17 |                                                                   |
c1                 | 17 | -XX:TieredStopAtLevel=1                                           |
serialgc           | 17 | -XX:+UseSerialGC                                                  |
c1+serialgc        | 17 | -XX:TieredStopAtLevel=1 -XX:+UseSerialGC                          |
no-perfdata        | 17 | -XX:-UsePerfData                                                  |
xshare-off         | 17 | -Xshare:off                                                       |
appcds             | 17 | -XX:SharedArchiveFile={work}/dyn.jsa -Xshare:on                   | -XX:ArchiveClassesAtExit={work}/dyn.jsa
quarkus-appcds     | 17 | -XX:SharedArchiveFile=app-cds.jsa -Xshare:on                      | -
aot                | 25 | -XX:AOTCache={work}/app.aot -XX:AOTMode=on                        | -XX:AOTCacheOutput={work}/app.aot
aot+fast           | 25 | -XX:AOTCache={work}/fast.aot -XX:AOTMode=on $FAST                  | -XX:AOTCacheOutput={work}/fast.aot $FAST
aot+fast+one-jar   | 25 | -XX:AOTCache={work}/one.aot -XX:AOTMode=on $FAST                   | -XX:AOTCacheOutput={work}/one.aot $FAST | lib/launcher/catflap.jar
"

RUNS=20 WARMUP=2 RESTARTS=30 REQUESTS=300 ONLY=all PICK= IN_TURNS= HYPERFINE=$(command -v hyperfine || true)
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=${2:?}; shift ;;
        --quick) RUNS=5 RESTARTS=10 REQUESTS=100 ;;
        --only) ONLY=${2:?}; shift ;;
        --setups) PICK=,${2:?},; shift ;;
        --no-hyperfine) HYPERFINE= ;;
        --in-turns) IN_TURNS=1 HYPERFINE= ;;
        -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
[ -x "$CATFLAP" ] && [ -f "$APP/quarkus-run.jar" ] || die "no target/catflap: build first (./mvnw package)"
# The JDK the launcher was built with, unless told otherwise.
JAVA=${JAVA:-$(sed -n 's/^java=//p' "$CATFLAP")}
[ -x "$JAVA" ] || JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
[ -x "$JAVA" ] || JAVA=$(command -v java)
[ -x "$JAVA" ] || die "no java: set JAVA or JAVA_HOME"
MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
# python3 itself, not a shim (pyenv and the like): the restart test starts it 30 times.
PY=$(python3 -c 'import sys; print(sys.executable)') || die "python3 is needed"
LIB=("$PY" "$BENCH/lib.py")
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/catflap-bench.XXXXXX") || exit 1
ROWS=$SCRATCH/rows.jsonl
SERVER= # the process group of a restart test under way
trap '[ -n "$SERVER" ] && kill -TERM -- "-$SERVER" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$WORK"
export LC_ALL=C

# Start-up rows kept for timing in turns (--in-turns): each round runs every command once, so that
# a machine whose speed drifts over minutes slows all rows alike.
TURN_SETUP=() TURN_HOW=() TURN_NOTE=() TURN_DIR=() TURN_CMD=() TURN_OUT=()

# time_row SETUP HOW NOTE -- COMMAND...: one checked run, then RUNS timed ones, as a table row
# (with --in-turns, kept for timed_in_turns).
time_row() {
    local setup=$1 how=$2 note=$3 out=$SCRATCH/$RANDOM format=loop
    shift 4
    if ! "$@" >/dev/null 2>"$out.err"; then
        log "  $setup: FAILED: $(head -c 300 "$out.err")"
        "${LIB[@]}" row "$ROWS" --test start-up --setup "$setup" --how "$how" --note "failed: $(head -n1 "$out.err")"
        return
    fi
    local quoted='' word i t0 t1 status
    for word in "$@"; do quoted+=" $(printf '%q' "$word")"; done
    if [ -n "$IN_TURNS" ]; then
        TURN_SETUP+=("$setup") TURN_HOW+=("$how") TURN_NOTE+=("$note") TURN_DIR+=("$PWD") TURN_CMD+=("$quoted")
        TURN_OUT+=("$out")
        return
    fi
    if [ -n "$HYPERFINE" ] && "$HYPERFINE" -N --style none --warmup "$WARMUP" --runs "$RUNS" \
        --export-json "$out" "$quoted" >/dev/null 2>&1; then
        format=hyperfine
    else
        for ((i = 0; i < WARMUP; i++)); do "$@" >/dev/null 2>&1; done
        for ((i = 0; i < RUNS; i++)); do
            t0=$EPOCHREALTIME; "$@" >/dev/null 2>&1
            status=$? t1=$EPOCHREALTIME
            echo "$t0 $t1 $status"
        done >"$out"
    fi
    "${LIB[@]}" row "$ROWS" --test start-up --setup "$setup" --how "$how" --note "$note" --samples "$out" \
        --format "$format" $([ "$setup" = - ] && echo --ref)
    log "  $setup: $("${LIB[@]}" last "$ROWS")"
}

# timed_in_turns: WARMUP then RUNS rounds over the kept rows, each command once per round.
timed_in_turns() {
    local round row t0 t1 status here=$PWD
    log "timing ${#TURN_CMD[@]} commands in turns: $WARMUP + $RUNS rounds"
    for ((round = 0; round < WARMUP + RUNS; round++)); do
        for row in "${!TURN_CMD[@]}"; do
            cd "${TURN_DIR[row]}" || exit 1
            t0=$EPOCHREALTIME
            eval "${TURN_CMD[row]}" >/dev/null 2>&1
            status=$? t1=$EPOCHREALTIME
            [ "$round" -lt "$WARMUP" ] || echo "$t0 $t1 $status" >>"${TURN_OUT[row]}"
        done
    done
    cd "$here" || exit 1
    for row in "${!TURN_CMD[@]}"; do
        "${LIB[@]}" row "$ROWS" --test start-up --setup "${TURN_SETUP[row]}" --how "${TURN_HOW[row]}" \
            --note "${TURN_NOTE[row]}; timed in turns" --samples "${TURN_OUT[row]}" --format loop \
            $([ "${TURN_SETUP[row]}" = - ] && echo --ref)
        log "  ${TURN_SETUP[row]}: $("${LIB[@]}" last "$ROWS")"
    done
}

startup() {
    log "start-up, $RUNS runs each, ${HYPERFINE:+hyperfine}${HYPERFINE:-bash loop}; java $MAJOR: $JAVA"
    time_row - "\`/bin/true\`" "reference" -- /bin/true
    # The reference issue 15 keeps catflap's start within 7x of (bench/startup.sh gives the ratio):
    # a Java hello-world of the same JDK.
    printf 'public class Hello { public static void main(String[] a) { System.out.println("Hello"); } }\n' \
        >"$SCRATCH/Hello.java"
    if "${JAVA%/java}/javac" -d "$SCRATCH" "$SCRATCH/Hello.java"; then
        time_row - "\`java -Xshare:auto -XX:TieredStopAtLevel=1 Hello\`" "reference: a hello-world of the same JDK" \
            -- "$JAVA" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$SCRATCH" Hello
    fi
    time_row launcher "\`target/catflap ${MEASURED[*]}\`" "as built: its options and archive" -- "$CATFLAP" "${MEASURED[@]}"
    # Where the time goes: the same launcher and JVM doing less.
    time_row launcher "\`target/catflap --version\`" "floor of a start: JVM, Quarkus, picocli; no settings, no socket, no exec" \
        -- "$CATFLAP" --version
    # shellcheck disable=SC2086 # options are words
    time_row jvm "\`java $FAST -version\`" "floor of any JVM start: the JVM alone, with the launcher's JIT/GC options" \
        -- "$JAVA" $FAST -Xshare:auto -version
    local name jdk opts train
    while IFS='|' read -r name jdk opts train jar; do
        name=$(echo $name) jdk=$(echo $jdk) opts=$(echo $opts) train=$(echo $train) jar=$(echo $jar)
        [ -n "$name" ] || continue
        [ -z "$PICK" ] || [[ $PICK == *,$name,* ]] || continue
        jar=${jar:-quarkus-run.jar}
        local how="\`java -XX:-MaxFDLimit <options> -jar $jar ${MEASURED[*]}\`"
        if [ "$MAJOR" -lt "$jdk" ]; then
            "${LIB[@]}" row "$ROWS" --test start-up --setup "$name" --how "$how" --note "skipped: needs JDK $jdk+"
            continue
        fi
        opts=${opts//\{app\}/$APP} opts=${opts//\{work\}/$WORK} train=${train//\{work\}/$WORK}
        if [ "$train" = - ] && [ ! -f "$APP/app-cds.jsa" ]; then
            "${LIB[@]}" row "$ROWS" --test start-up --setup "$name" --how "$how" \
                --note "skipped: build with ./mvnw package -Dquarkus.package.jar.appcds.enabled=true"
            continue
        elif [ -n "$train" ] && [ "$train" != - ]; then
            rm -f "${train##*=}"
            # shellcheck disable=SC2086 # options are words
            "$JAVA" -XX:-MaxFDLimit $train -Dcatflap.training=true -jar "$APP/$jar" "${MEASURED[@]}" \
                >"$SCRATCH/train.log" 2>&1 || log "  training run for $name failed: $(tail -n1 "$SCRATCH/train.log")"
        fi
        local dir=. note
        jar=$APP/$jar
        note="\`$(echo "${opts:-no options}" | sed "s|$ROOT/||g")\`"
        if [ "$name" = quarkus-appcds ]; then
            # Quarkus's archive names the jar relative to target/quarkus-app: it works from there only.
            dir=$APP jar=quarkus-run.jar note="$note, run in target/quarkus-app (the archive works from there only)"
        fi
        # Not in a subshell: time_row keeps the row for timed_in_turns.
        local back=$PWD
        cd "$dir" || exit 1
        # shellcheck disable=SC2086
        time_row "$name" "$how" "$note" -- "$JAVA" -XX:-MaxFDLimit $opts -jar "$jar" "${MEASURED[@]}"
        cd "$back" || exit 1
    done <<<"$SETUPS"
    [ -z "$IN_TURNS" ] || timed_in_turns
}

# restart KIND: a server restarted RESTARTS times under a steady client, binding its port itself
# (self) or accepting on catflap's socket (catflap).
restart() {
    local kind=$1 state=$SCRATCH/$1 port pid how
    mkdir -p "$state"
    port=$("${LIB[@]}" freeport)
    local interval slot loop=(sh "$BENCH/restart-loop.sh" "$PY" "$port" "$RESTARTS")
    interval=$(awk -v r="$RESTARTS" -v n="$REQUESTS" 'BEGIN { printf "%.4f", 0.2 * r / n }')
    slot=$(awk -v r="$RESTARTS" -v n="$REQUESTS" -v i="$interval" 'BEGIN { printf "%d", 1000 * n * i / (r + 1) }')
    loop+=("$slot" "$state")
    if [ "$kind" = self ]; then
        how="server binds the port itself: \`sh bench/restart-loop.sh\`"
        set -- env -u LISTEN_FD "${loop[@]}"
    else
        how="server accepts on catflap's socket: \`target/catflap -q -p PORT -- sh bench/restart-loop.sh\`"
        set -- env -u LISTEN_FD "$CATFLAP" -q -p "$port" -- "${loop[@]}"
    fi
    log "restarts ($kind): $RESTARTS restarts, $REQUESTS requests every ${interval}s on port $port"
    set -m # its own process group, so that every generation is stopped at the end
    "$@" >"$state/out" 2>&1 &
    pid=$! SERVER=$!
    set +m
    if "${LIB[@]}" ready "$port" 60 "$pid"; then
        "${LIB[@]}" client "$port" --requests "$REQUESTS" --interval "$interval" --timeout 1 \
            --go-file "$state/go" --out "$state/client.json"
        "${LIB[@]}" row "$ROWS" --test "$RESTARTS restarts" --how "$how" --client "$state/client.json" \
            --gen-log "$state/generations.log" --note "ms columns: request latency"
    else
        "${LIB[@]}" row "$ROWS" --test "$RESTARTS restarts" --how "$how" --note "failed: no answer on port $port"
    fi
    kill -TERM -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    SERVER=
    log "  $("${LIB[@]}" last "$ROWS")"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
case $ONLY in all | startup) startup ;; esac
case $ONLY in all | restart) restart self; restart catflap ;; esac
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
printf 'Machine: %s cores, %s, %s; %s; load average %s before, %s after. Timing: %s, %s runs after %s warm-up.\n\n' \
    "$(nproc)" "${CPU:-$(uname -m)}" "$(uname -sr)" "$("$JAVA" -version 2>&1 | sed -n 2p)" \
    "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$([ -n "$HYPERFINE" ] && echo "$("$HYPERFINE" --version) -N" || echo "bash loop")" "$RUNS" "$WARMUP"
"${LIB[@]}" table "$ROWS"

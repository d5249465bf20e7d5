#!/usr/bin/env bash
# bench/run.sh - catflap benchmark: start-up cost per JVM setup and availability
# across server restarts, measured in one run, printed as one markdown table.
#
#   ./mvnw package && bench/run.sh [--quick] [--runs N] ...      (bench/run.sh --help)
#
# Progress goes to stderr, the table (preceded by one line describing the
# machine) to stdout:  bench/run.sh > bench-result.md
#
# Environment overrides:
#   CATFLAP     launcher to measure           (default target/catflap)
#   CATFLAP_JAR fast-jar for direct java runs (default target/quarkus-app/quarkus-run.jar)
#   JAVA        java for setups with jdk "-"  (default $JAVA_HOME/bin/java, else java on PATH)
#   JDK25_HOME  a JDK for setups that need major 25 (any JDK<N>_HOME likewise; else
#               JAVA_HOME, PATH, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman are searched)
#   BENCH_WORK  where trained caches go       (default target/bench)
#   PYTHON      python3 to use                (default python3)
#
# Requirements: bash, python3 (stdlib only), coreutils. hyperfine is used when
# installed (apt-get install hyperfine), otherwise a timed loop in bash.

# ------------------------------------------------------------------ JVM setups
# One line per setup, columns separated by "|":
#   name     short label for the table (used by --setups)
#   jdk      "-" = the default java; N = a JDK whose major version is >= N
#   needs    a file the setup cannot run without, "-" for none
#   options  JVM options; passed as CATFLAP_JAVA_OPTS to the launcher and put
#            on the command line of the direct `java <options> -jar ...` run
#   make     how `needs` comes about: JVM options (starting with "-") of a
#            training run that this script does itself (see --no-prepare),
#            or a hint shown when the file is missing
# In needs/options/make, {app} is the directory of quarkus-run.jar and {work}
# is BENCH_WORK. CDS/AOT setups force the archive on (-Xshare:on,
# -XX:AOTMode=on), so an unusable archive (say, Quarkus' app-cds.jsa made by
# another JDK than the row's) makes the row fail loudly instead of silently
# measuring a JVM without it.
SETUPS='
default              | -  | -                 | -                                                  | -
c1                   | -  | -                 | -XX:TieredStopAtLevel=1                            | -
serialgc             | -  | -                 | -XX:+UseSerialGC                                   | -
c1+serialgc          | -  | -                 | -XX:TieredStopAtLevel=1 -XX:+UseSerialGC           | -
xshare-off           | -  | -                 | -Xshare:off                                        | -
quarkus-appcds       | -  | {app}/app-cds.jsa | -XX:SharedArchiveFile={app}/app-cds.jsa -Xshare:on | build with ./mvnw package -Dquarkus.package.jar.appcds.enabled=true
dyn-appcds           | -  | {work}/dyn.jsa    | -XX:SharedArchiveFile={work}/dyn.jsa -Xshare:on    | -XX:ArchiveClassesAtExit={work}/dyn.jsa
jdk25                | 25 | -                 | -                                                  | -
jdk25-c1+serialgc    | 25 | -                 | -XX:TieredStopAtLevel=1 -XX:+UseSerialGC           | -
jdk25-quarkus-appcds | 25 | {app}/app-cds.jsa | -XX:SharedArchiveFile={app}/app-cds.jsa -Xshare:on | build with JDK 25: ./mvnw package -Dquarkus.package.jar.appcds.enabled=true
jdk25-aot            | 25 | {work}/jdk25.aot  | -XX:AOTCache={work}/jdk25.aot -XX:AOTMode=on       | -XX:AOTCacheOutput={work}/jdk25.aot
quarkus-aot          | 25 | {app}/app.aot     | -XX:AOTCache={app}/app.aot -XX:AOTMode=on          | build with JDK 25: ./mvnw verify -Dquarkus.package.jar.aot.enabled=true
'
# Arguments of the training runs above. catflap cannot exec this command, so
# the JVM exits normally (after binding etc.) and writes its archive; a run
# that execs successfully never returns to the JVM and writes nothing.
TRAIN_ARGS=(-q -p 0 -- /nonexistent/catflap-bench-training-run)
# The command whose start-up is measured, after `catflap` or `java ... -jar JAR`.
MEASURED_ARGS=(-q -p 0 -- /bin/true)
# Options the launcher passes to java whatever the setup; the direct
# `java -jar` rows (and the training runs) get them too, to stay comparable.
DIRECT_BASE_OPTS=(-XX:-MaxFDLimit)

# ------------------------------------------------------------------ options
RUNS=10 WARMUP=1 RESTARTS=30 REQUESTS=300 TIMEOUT=1 INTERVAL=
ONLY=all INVOCATION=both SETUP_FILTER='' PREPARE=1 USE_HYPERFINE=auto KEEP=0

usage() {
    cat <<EOF
usage: bench/run.sh [options]

  --runs N          timed runs per start-up row (default $RUNS)
  --warmup N        untimed runs before them (default $WARMUP; each row also
                    gets one untimed probe run that checks it works)
  --quick           --runs 3 --warmup 1 --restarts 10 --requests 100
  --restarts N      server restarts in the restart test (default $RESTARTS)
  --requests N      client requests in the restart test (default $REQUESTS)
  --timeout S       per-request timeout in seconds (default $TIMEOUT)
  --interval S      spacing of requests (default 0.2 s x restarts / requests)
  --only WHAT       startup | restart | all (default all)
  --invocation H    launcher | direct | both (default both): time the launcher
                    with CATFLAP_JAVA_OPTS, java -jar directly, or both
  --setups A,B      only these setups (names from the table in this script)
  --no-prepare      don't make missing CDS/AOT archives with training runs
  --no-hyperfine    time with the bash loop even if hyperfine is installed
  --keep            keep the scratch directory (raw timings, logs)
  -h, --help        this text
EOF
}

die() { printf 'bench: %s\n' "$*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=${2:?}; shift ;;
        --warmup) WARMUP=${2:?}; shift ;;
        --quick) RUNS=3 WARMUP=1 RESTARTS=10 REQUESTS=100 ;;
        --restarts) RESTARTS=${2:?}; shift ;;
        --requests) REQUESTS=${2:?}; shift ;;
        --timeout) TIMEOUT=${2:?}; shift ;;
        --interval) INTERVAL=${2:?}; shift ;;
        --only) ONLY=${2:?}; shift ;;
        --invocation) INVOCATION=${2:?}; shift ;;
        --setups) SETUP_FILTER=${2:?}; shift ;;
        --no-prepare) PREPARE=0 ;;
        --no-hyperfine) USE_HYPERFINE=0 ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
done
for v in RUNS WARMUP RESTARTS REQUESTS; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "--${v,,} wants a whole number, not '${!v}'"
done
[ "$RUNS" -ge 2 ] || die "--runs must be at least 2"
[ "$REQUESTS" -ge 1 ] || die "--requests must be at least 1"
case $ONLY in all | startup | restart) ;; *) die "--only: startup, restart or all" ;; esac
case $INVOCATION in both | launcher | direct) ;; *) die "--invocation: launcher, direct or both" ;; esac

export LC_ALL=C # decimal point in $EPOCHREALTIME, sort order

# ------------------------------------------------------------------ paths
abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
# Paths given in the environment are relative to where we were started...
[ -n "${CATFLAP:-}" ] && CATFLAP=$(abspath "$CATFLAP")
[ -n "${CATFLAP_JAR:-}" ] && CATFLAP_JAR=$(abspath "$CATFLAP_JAR")
[ -n "${BENCH_WORK:-}" ] && BENCH_WORK=$(abspath "$BENCH_WORK")
# ...the defaults to the repository root.
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
cd "$ROOT" || exit 2
CATFLAP=${CATFLAP:-$ROOT/target/catflap}
CATFLAP_JAR=${CATFLAP_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
BENCH_WORK=${BENCH_WORK:-$ROOT/target/bench}
APP_DIR=$(dirname "$CATFLAP_JAR")

NEED_LAUNCHER=1
[ "$ONLY" = startup ] && [ "$INVOCATION" = direct ] && NEED_LAUNCHER=0
if [ "$NEED_LAUNCHER" = 1 ] && [ ! -x "$CATFLAP" ]; then
    cat >&2 <<EOF
bench: $CATFLAP not found or not executable.
       Build catflap first (./mvnw package), or point CATFLAP at a launcher:
       CATFLAP=/path/to/catflap bench/run.sh
EOF
    exit 1
fi

PY=${PYTHON:-python3}
command -v "$PY" >/dev/null 2>&1 || die "python3 not found (set PYTHON)"
# Resolve shims (pyenv & co.) once: the restart test starts python 30+ times.
PY=$("$PY" -c 'import sys; print(sys.executable)') || die "cannot run $PY"
LIB=("$PY" "$BENCH/lib.py")

W=$(mktemp -d "${TMPDIR:-/tmp}/catflap-bench.XXXXXX") || die "mktemp failed"
ROWS=$W/rows.jsonl
: >"$ROWS"

# ------------------------------------------------------------------ cleanup
BG_PGIDS=()
stop_group() { # PGID: TERM the process group, KILL it if it lingers, reap it
    local g=$1 n=0
    kill -TERM -- "-$g" 2>/dev/null || return 0
    while kill -0 -- "-$g" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
    kill -KILL -- "-$g" 2>/dev/null
    wait "$g" 2>/dev/null
    return 0
}
cleanup() {
    local g
    for g in "${BG_PGIDS[@]}"; do stop_group "$g"; done
    if [ "$KEEP" = 1 ]; then
        printf '[bench] scratch directory kept: %s\n' "$W" >&2
    else
        rm -rf "$W"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

log() { printf '[bench] %s\n' "$*" >&2; }
# add_row ARGS...: one table row (see bench/lib.py row --help)
add_row() { "${LIB[@]}" row "$ROWS" "$@" || log "could not record a row: $*"; }

# ------------------------------------------------------------------ JDKs
declare -A MAJOR_OF=() # java binary -> major version
java_major() {          # JAVA-BINARY -> prints the major version, or fails
    local j=$1 v
    if [ -z "${MAJOR_OF[$j]+x}" ]; then
        v=$("$j" -version 2>&1 | awk -F'"' '/version "/ { print $2; exit }')
        case $v in 1.*) v=${v#1.} ;; esac
        v=${v%%[!0-9]*}
        MAJOR_OF[$j]=$v
    fi
    [ -n "${MAJOR_OF[$j]}" ] && printf '%s\n' "${MAJOR_OF[$j]}"
}
java_home_of() { local r; r=$(readlink -f "$1") && dirname "$(dirname "$r")"; }

DEFAULT_JAVA=${JAVA:-}
if [ -z "$DEFAULT_JAVA" ]; then
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        DEFAULT_JAVA=$JAVA_HOME/bin/java
    else
        DEFAULT_JAVA=$(command -v java || true)
    fi
fi

find_jdk() { # SPEC ("-" or a major version) -> prints a java binary, or fails
    local want=$1 j m var best=
    if [ "$want" = - ]; then
        [ -n "$DEFAULT_JAVA" ] && java_major "$DEFAULT_JAVA" >/dev/null && printf '%s\n' "$DEFAULT_JAVA"
        return
    fi
    var=JDK${want}_HOME
    local cands=("${!var:+${!var}/bin/java}" "$DEFAULT_JAVA" "${JAVA_HOME:+$JAVA_HOME/bin/java}"
        "$(command -v java)" /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java
        "$HOME"/.sdkman/candidates/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java)
    for j in "${cands[@]}"; do
        if [ -z "$j" ] || [ ! -x "$j" ]; then continue; fi
        m=$(java_major "$j") || continue
        if [ "$m" = "$want" ]; then printf '%s\n' "$j"; return 0; fi
        if [ -z "$best" ] && [ "$m" -gt "$want" ]; then best=$j; fi
    done
    [ -n "$best" ] && printf '%s\n' "$best"
}

# ------------------------------------------------------------------ timing
HYPERFINE=
if [ "$USE_HYPERFINE" != 0 ] && command -v hyperfine >/dev/null 2>&1 &&
    hyperfine --help 2>&1 | grep -q -- '--shell'; then
    HYPERFINE=$(command -v hyperfine)
fi
if [ -n "$HYPERFINE" ]; then
    METHOD="$(hyperfine --version 2>/dev/null | head -n1) (-N, no shell)"
else
    METHOD="bash loop"
fi
METHOD="$METHOD, $RUNS runs after $WARMUP warm-up per row"

# qjoin ARGS...: one command line, quoted for hyperfine's shell-words parser
qjoin() { local out='' a; for a in "$@"; do out+="${out:+ }$(printf '%q' "$a")"; done; printf '%s\n' "$out"; }

# measure OUT -- CMD...: time CMD (environment as set by the caller). Writes
# hyperfine JSON or "t0 t1 rc" lines to OUT and prints the format name.
measure() {
    local out=$1 i t0 t1 rc
    shift 2
    if [ -n "$HYPERFINE" ]; then
        if "$HYPERFINE" -N --style none --warmup "$WARMUP" --runs "$RUNS" \
            --export-json "$out" "$(qjoin "$@")" >"$out.log" 2>&1; then
            echo hyperfine
            return 0
        fi
        log "hyperfine failed ($(tail -n1 "$out.log")); timing with the bash loop instead"
    fi
    for ((i = 0; i < WARMUP; i++)); do "$@" >/dev/null 2>&1; done
    : >"$out"
    for ((i = 0; i < RUNS; i++)); do
        if [ -n "${EPOCHREALTIME:-}" ]; then
            t0=$EPOCHREALTIME
            "$@" >/dev/null 2>&1
            rc=$?
            t1=$EPOCHREALTIME
        else
            t0=$(date +%s.%N)
            "$@" >/dev/null 2>&1
            rc=$?
            t1=$(date +%s.%N)
        fi
        printf '%s %s %s\n' "$t0" "$t1" "$rc" >>"$out"
    done
    echo loop
}

N_ROW=0
# time_row TEST SETUP HOW NOTE -- CMD...: probe CMD once, then time it into a row
time_row() {
    local test=$1 setup=$2 how=$3 note=$4 f rc why
    shift 5
    N_ROW=$((N_ROW + 1))
    f=$W/t$N_ROW
    "$@" >/dev/null 2>"$f.probe"
    rc=$?
    if [ $rc -ne 0 ]; then
        why=$(grep -v -e '^[[:space:]]*$' -e '^Picked up ' "$f.probe" | head -n1 | cut -c1-140)
        log "  $setup / $how: FAILED (exit $rc) ${why}"
        add_row --test "$test" --setup "$setup" --how "$how" \
            --note "failed (exit $rc): ${why:-no message}${note:+; $note}"
        return
    fi
    local fmt ref=()
    fmt=$(measure "$f" -- "$@")
    [ "$setup" = - ] && ref=(--ref)
    add_row --test "$test" --setup "$setup" --how "$how" --note "$note" \
        --samples "$f" --format "$fmt" "${ref[@]}"
    log "  $setup / $how: $(tail -n1 "$ROWS" | "$PY" -c 'import json,sys; r=json.load(sys.stdin); print("%.1f ms median" % r["median"] if r["median"] else r["note"])')"
}

# ------------------------------------------------------------------ machine line
machine_line() {
    local cpu jv
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
    [ -n "$cpu" ] || cpu=$(uname -m)
    jv=$([ -n "$DEFAULT_JAVA" ] && "$DEFAULT_JAVA" -version 2>&1 | head -n1)
    printf 'Machine: %s cores (nproc), CPU %s, kernel %s, java: %s%s. Timing: %s.\n' \
        "$(nproc 2>/dev/null || echo '?')" "${cpu:-?}" "$(uname -sr)" "${jv:-none}" "$EXTRA_JDKS" "$METHOD"
}
EXTRA_JDKS=

# ------------------------------------------------------------------ start-up
subst() { local s=${1//\{app\}/$APP_DIR}; printf '%s\n' "${s//\{work\}/$BENCH_WORK}"; }
show() { local s; s=$(subst "$1"); printf '%s\n' "${s//"$ROOT"\//}"; } # for the table: paths relative to ROOT
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s\n' "${s%"${s##*[![:space:]]}"}"; }

# One probe run of the launcher per JDK: does it pass CATFLAP_JAVA_OPTS on
# (-XshowSettings prints), and which JDK does it really run (the JVM itself
# logs its version for JAVA_TOOL_OPTIONS, whatever the launcher does)?
declare -A LAUNCHER_WHY=()   # java binary -> "" if the launcher runs it with our options, else why not
declare -A LAUNCHER_MAJOR=() # java binary -> major version the launcher actually ran
check_launcher() {           # JAVA
    local j=$1 home want got rc err=$W/launcher-probe.err
    [ -n "${LAUNCHER_WHY[$j]+x}" ] && return
    home=$(java_home_of "$j")
    want=$(java_major "$j")
    JAVA_HOME=$home PATH=$home/bin:$PATH CATFLAP_JAVA_OPTS=-XshowSettings:properties \
        JAVA_TOOL_OPTIONS=-Xlog:gc+init=info:stderr "$CATFLAP" "${MEASURED_ARGS[@]}" >/dev/null 2>"$err"
    rc=$?
    got=$(sed -n 's/.*\[gc,init\] Version: \([0-9]*\).*/\1/p' "$err" | head -n1)
    LAUNCHER_MAJOR[$j]=${got:-?}
    if [ $rc -ne 0 ]; then
        LAUNCHER_WHY[$j]="launcher failed in a probe run (exit $rc)"
    elif ! grep -q 'java.specification.version =' "$err"; then
        LAUNCHER_WHY[$j]="launcher ignores CATFLAP_JAVA_OPTS"
    elif [ "$got" != "$want" ]; then
        LAUNCHER_WHY[$j]="launcher runs JDK ${got:-?}, not JDK $want from JAVA_HOME/PATH"
    else
        LAUNCHER_WHY[$j]=
    fi
}

startup_tests() {
    log "start-up: /bin/true (reference)"
    time_row "start-up" - "\`/bin/true\`" "reference" -- /bin/true

    [ -f "$CATFLAP_JAR" ] || log "no $CATFLAP_JAR: the direct java -jar rows are skipped"
    mkdir -p "$BENCH_WORK" 2>/dev/null
    local name jdk needs opts make java home file why hint
    local -a optv
    local -A seen_jdk=()
    while IFS='|' read -r name jdk needs opts make; do
        name=$(trim "$name")
        case $name in '' | '#'*) continue ;; esac
        jdk=$(trim "$jdk") needs=$(trim "$needs") opts=$(trim "$opts") make=$(trim "$make")
        [ "$needs" = - ] && needs=
        [ "$opts" = - ] && opts=
        [ "$make" = - ] && make=
        if [ -n "$SETUP_FILTER" ] && [[ ",$SETUP_FILTER," != *",$name,"* ]]; then continue; fi
        log "start-up: $name"
        local label=$name note
        note="\`$(show "${opts:-no options}")\`"
        local rows=()
        [ "$INVOCATION" != direct ] && rows+=(launcher)
        [ "$INVOCATION" != launcher ] && rows+=(direct)
        local test_l="start-up" how_l="\`catflap ${MEASURED_ARGS[*]}\`, options in CATFLAP_JAVA_OPTS"
        local test_d="start-up" how_d="\`java <options> -jar quarkus-run.jar ${MEASURED_ARGS[*]}\`"

        skip_all() { # WHY
            local r
            log "  skipped: $1"
            for r in "${rows[@]}"; do
                if [ "$r" = launcher ]; then
                    add_row --test "$test_l" --setup "$label" --how "$how_l" --note "skipped: $1"
                else
                    add_row --test "$test_d" --setup "$label" --how "$how_d" --note "skipped: $1"
                fi
            done
        }

        java=$(find_jdk "$jdk")
        if [ -z "$java" ]; then
            if [ "$jdk" = - ]; then skip_all "no java found (set JAVA or JAVA_HOME)"; else skip_all "no JDK $jdk+ found (set JDK${jdk}_HOME)"; fi
            continue
        fi
        local major
        major=$(java_major "$java")
        label="$name (JDK $major)"
        home=$(java_home_of "$java")
        if [ "$jdk" != - ] && [ -z "${seen_jdk[$java]+x}" ]; then
            seen_jdk[$java]=1
            EXTRA_JDKS+="; JDK $jdk setups: $("$java" -version 2>&1 | head -n1)"
        fi

        # prerequisite file, made by a training run where the table says how
        if [ -n "$needs" ]; then
            file=$(subst "$needs")
            if [ -n "$make" ] && [ "${make:0:1}" = - ]; then
                if [ "$PREPARE" = 1 ] && [ -f "$CATFLAP_JAR" ]; then
                    rm -f "$file"
                    read -r -a optv <<<"$(subst "$make")"
                    log "  training run: $java ${optv[*]} -jar ${CATFLAP_JAR#"$ROOT"/} ${TRAIN_ARGS[*]}"
                    "$java" "${DIRECT_BASE_OPTS[@]}" "${optv[@]}" -jar "$CATFLAP_JAR" "${TRAIN_ARGS[@]}" >"$W/train-$name.log" 2>&1
                    [ -f "$file" ] || { skip_all "training run made no $(show "$needs") ($(grep -v '^$' "$W/train-$name.log" | tail -n1 | cut -c1-100))"; continue; }
                elif [ ! -f "$file" ]; then
                    if [ "$PREPARE" = 1 ]; then why="no $CATFLAP_JAR to train"; else why="--no-prepare"; fi
                    skip_all "no $(show "$needs") ($why)"
                    continue
                fi
            elif [ ! -f "$file" ]; then
                hint=${make:+: $make}
                skip_all "no $(show "$needs")$hint"
                continue
            fi
        fi

        read -r -a optv <<<"$(subst "$opts")"
        for r in "${rows[@]}"; do
            if [ "$r" = launcher ]; then
                check_launcher "$java"
                why=${LAUNCHER_WHY[$java]}
                if [ -n "$why" ] && { [ -n "$opts$needs" ] || [ "$jdk" != - ]; }; then
                    log "  skipped launcher: $why"
                    add_row --test "$test_l" --setup "$label" --how "$how_l" --note "skipped: $why"
                    continue
                fi
                (
                    export JAVA_HOME=$home PATH=$home/bin:$PATH CATFLAP_JAVA_OPTS="${optv[*]}"
                    time_row "$test_l" "$name (JDK ${LAUNCHER_MAJOR[$java]})" "$how_l" "$note${why:+; $why}" \
                        -- "$CATFLAP" "${MEASURED_ARGS[@]}"
                )
            elif [ ! -f "$CATFLAP_JAR" ]; then
                add_row --test "$test_d" --setup "$label" --how "$how_d" --note "skipped: no ${CATFLAP_JAR#"$ROOT"/}"
            else
                (
                    unset CATFLAP_JAVA_OPTS
                    time_row "$test_d" "$label" "$how_d" "$note" -- \
                        "$java" "${DIRECT_BASE_OPTS[@]}" "${optv[@]}" -jar "$CATFLAP_JAR" "${MEASURED_ARGS[@]}"
                )
            fi
        done
    done <<<"$SETUPS"
    local f
    for f in ${SETUP_FILTER//,/ }; do
        grep -q "^${f}[[:space:]]*|" <<<"$SETUPS" || log "--setups: no setup called '$f'"
    done
}

# ------------------------------------------------------------------ restarts
# restart_test KIND: KIND = self (the server binds the port itself) or catflap
restart_test() {
    local kind=$1 state=$W/restart-$1 port pid test how setup=-
    mkdir -p "$state"
    port=$("${LIB[@]}" freeport) || die "cannot pick a free port"
    test="$RESTARTS restarts"
    local loop=(sh "$BENCH/restart-loop.sh" "$PY" "$port" "$RESTARTS" "$SLOT_MS" "$state")
    local cmd=(env -u LISTEN_FD -u LISTEN_FDS -u LISTEN_PID)
    if [ "$kind" = self ]; then
        how="server binds the port itself: \`sh bench/restart-loop.sh\`"
        cmd+=("${loop[@]}")
    else
        how="server adopts catflap's socket: \`catflap -q -p PORT -- sh bench/restart-loop.sh\`"
        local home
        setup=default
        cmd+=(-u CATFLAP_JAVA_OPTS)
        if [ -n "$DEFAULT_JAVA" ] && home=$(java_home_of "$DEFAULT_JAVA"); then
            check_launcher "$DEFAULT_JAVA"
            setup="default (JDK ${LAUNCHER_MAJOR[$DEFAULT_JAVA]})"
            cmd+=("JAVA_HOME=$home" "PATH=$home/bin:$PATH")
        fi
        cmd+=("$CATFLAP" -q -p "$port" -- "${loop[@]}")
    fi
    log "restart test ($kind) on 127.0.0.1:$port: $RESTARTS restarts, one per ${SLOT_MS} ms; $REQUESTS requests every ${INTERVAL} s, timeout ${TIMEOUT} s"
    set -m # own process group, so that stop_group reaches every generation
    "${cmd[@]}" >"$state/out" 2>&1 &
    pid=$!
    set +m
    BG_PGIDS+=("$pid")
    if ! "${LIB[@]}" ready "$port" 60 "$pid"; then
        stop_group "$pid"
        add_row --test "$test" --setup "$setup" --how "$how" \
            --note "failed: no answer on port $port ($(grep -v '^$' "$state/out" | tail -n1 | cut -c1-100))"
        log "  FAILED: server never answered"
        return
    fi
    "${LIB[@]}" client "$port" --requests "$REQUESTS" --interval "$INTERVAL" --timeout "$TIMEOUT" \
        --go-file "$state/go" --out "$state/client.json"
    stop_group "$pid"
    add_row --test "$test" --setup "$setup" --how "$how" --client "$state/client.json" \
        --gen-log "$state/generations.log" --note "ms columns: request latency"
    log "  $(tail -n1 "$ROWS" | "$PY" -c 'import json,sys; r=json.load(sys.stdin); print("failed", r["failed"], "-", r["note"])')"
}

# ------------------------------------------------------------------ main
[ -n "$INTERVAL" ] || INTERVAL=$(awk -v r="$RESTARTS" -v n="$REQUESTS" 'BEGIN { x = 0.2 * r / n; if (x < 0.005) x = 0.005; printf "%.4f", x }')
# the restarts are spread evenly over the client's window of REQUESTS * INTERVAL
SLOT_MS=$(awk -v r="$RESTARTS" -v n="$REQUESTS" -v i="$INTERVAL" 'BEGIN { printf "%d", 1000 * n * i / (r + 1) }')
log "launcher: $CATFLAP"
log "timing: $METHOD; scratch: $W"
if [ "$ONLY" != restart ]; then startup_tests; fi
if [ "$ONLY" != startup ]; then
    restart_test self
    restart_test catflap
fi
"${LIB[@]}" table "$ROWS" "$(machine_line)"

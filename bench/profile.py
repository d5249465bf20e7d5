#!/usr/bin/env python3
"""bench/profile.py - where a start of catflap goes, phase by phase, medians over N runs.

    ./mvnw package && python3 bench/profile.py [--runs N] [CATFLAP...] [-- ARGS...]

Runs CATFLAP (target/catflap) with ARGS (-q -p 0 -- /bin/true) N times (10), with the JVM logging
each class initialization and its time since the JVM started (-Xlog:class+init, through
CATFLAP_JAVA_OPTS). The first initialization of each marker class below ends a phase; the last
ends catflap's own work; what the wall clock measured beyond it is the launcher script, the JVM's
creation before its clock starts, and the exec. The log slows a start a little; compare phases of
builds measured the same way, in the same run, not with bench/startup.sh's figures. Several
CATFLAPs (two builds, say) are run in turns, one column each.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

MARKERS = [
    ('JVM boot, AOT cache mapped', 'io/quarkus/runner/GeneratedMain'),
    ('Quarkus static init: logging, pre-init', 'io/smallrye/config/SmallRyeConfigBuilder'),
    ('static configuration (SmallRye)', 'io/quarkus/arc/ArcInitConfig'),
    ('CDI container (ArC)', 'io/quarkus/runtime/configuration/RuntimeConfigBuilder'),
    ('runtime configuration, logging, executor', 'dev/catflap/cli/CatflapMain'),
    ('catflap beans (JNA library)', 'dev/catflap/cli/CatflapCommand'),
    ('picocli model', 'dev/catflap/launch/CallerArguments'),
    ('picocli parse', 'dev/catflap/launch/CallerEnvironment'),
    ('catflap: settings, bind, resolve, prepare exec', None),
]
REST = 'launcher script, JVM creation, exec'
LINE = re.compile(r"^\[(\d+\.\d+)s\] \d+ Initializing '([^']+)'")


def one_run(catflap, args):
    fd, log = tempfile.mkstemp(prefix='catflap-profile.')
    os.close(fd)
    try:
        env = dict(os.environ, CATFLAP_JAVA_OPTS=f'-Xlog:class+init=info:file={log}:uptime')
        start = time.monotonic()
        subprocess.run([catflap] + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = (time.monotonic() - start) * 1000
        first, last = {}, 0.0
        with open(log) as lines:
            for line in lines:
                match = LINE.match(line)
                if match:
                    last = float(match.group(1)) * 1000
                    first.setdefault(match.group(2), last)
    finally:
        os.unlink(log)
    phases, previous = {}, 0.0
    for name, marker in MARKERS:
        end = first.get(marker, previous) if marker else last
        phases[name], previous = end - previous, end
    phases[REST] = wall - previous
    return phases, wall


def main(argv):
    runs, catflaps, args = 10, [], []
    while argv:
        word = argv.pop(0)
        if word == '--runs':
            runs = int(argv.pop(0))
        elif word == '--':
            args = argv
            break
        else:
            catflaps.append(word)
    catflaps = catflaps or [os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'target', 'catflap')]
    args = args or ['-q', '-p', '0', '--', '/bin/true']
    samples = [{} for _ in catflaps]
    walls = [[] for _ in catflaps]
    for _ in range(runs):
        for column, catflap in enumerate(catflaps):
            phases, wall = one_run(catflap, args)
            walls[column].append(wall)
            for name, ms in phases.items():
                samples[column].setdefault(name, []).append(ms)
    totals = [statistics.median(w) for w in walls]
    print('| phase (ends at the first initialization of) |' + ''.join(f' {c} ms | share |' for c in catflaps))
    print('|---|' + '---:|---:|' * len(catflaps))
    for name, marker in MARKERS + [(REST, None)]:
        label = f'{name} (`{marker.rsplit("/", 1)[1]}`)' if marker else name
        cells = ''
        for column in range(len(catflaps)):
            median = statistics.median(samples[column][name])
            cells += f' {median:.1f} | {100 * median / totals[column]:.0f} % |'
        print(f'| {label} |{cells}')
    print('| **total, wall clock** |' + ''.join(f' **{t:.1f}** | |' for t in totals))
    print(f'\n{runs} runs each, in turns, of CATFLAP {" ".join(args)}; load average {open("/proc/loadavg").read().split()[0]}')


if __name__ == '__main__':
    main(sys.argv[1:])

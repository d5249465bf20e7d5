#!/usr/bin/env python3
"""The closing report of bench/native-check.sh, read off the builder's output (builder.log) and its
files. usage: report.py WORK_DIR BUILDER_STATUS SECONDS GRAAL_VERSION JAVA_HOME; exits 0 only if the
builder got through analysis and compilation to the object file with no error."""
import glob
import json
import os
import re
import sys

work, status, seconds, version, java_home = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
image = os.path.join(work, 'image')
log = open(os.path.join(work, 'builder.log'), errors='replace').read().splitlines()


def say(line=''):
    print('[native-check] ' + line if line else '[native-check]')


say('--- report: Native Image builder %s on %s, %d s, builder exit status %d' % (version, java_home, seconds, status))

stages = [l.strip() for l in log if re.match(r'^\[\d/\d\] ', l)]
for s in stages:
    say('stage ' + re.sub(r'\s{2,}', ' ', s))

analysis = []
inside = False
for l in log:
    if l.startswith('[2/'):
        inside = True
        continue
    if inside and l.startswith('['):
        break
    if inside and l.strip():
        analysis.append(re.sub(r'\s+', ' ', l.strip()))
for a in analysis:
    say('analysis: ' + a)

stats_file = os.path.join(image, 'catflap-build-output-stats.json')
if os.path.exists(stats_file):
    stats = json.load(open(stats_file))
    results = stats.get('analysis_results', {})
    for kind in ('types', 'methods', 'fields'):
        figures = results.get(kind, {})
        if figures:
            say('analysis %s: %s' % (kind, ', '.join('%s %s' % (k, v) for k, v in figures.items())))

problems = [l for l in log if re.match(r'^\s*(Error|Fatal error|Exception|Caused by)\b|^\s*\S+Error: ', l)]
warnings = [l for l in log if re.match(r'^\s*(Warning|WARN|WARNING)\b|\[WARN', l)]
for l in problems:
    say('ERROR  ' + l.strip())
for l in warnings:
    say('WARNING ' + l.strip())
say('%d error line(s), %d warning line(s) from analysis and compilation' % (len(problems), len(warnings)))

objects = [p for p in glob.glob(os.path.join(image, '**', '*.o'), recursive=True)]
for o in objects:
    say('object file written: %s (%d bytes)' % (os.path.relpath(o, os.path.dirname(os.path.dirname(work))), os.path.getsize(o)))

# Why it stops there: the link of a Linux executable takes the JDK's static libraries (a GraalVM has
# them in lib/static/linux-amd64/glibc/) and Native Image's own C libraries (lib/svm/clibraries/).
static_dir = os.path.join(java_home, 'lib', 'static', 'linux-amd64', 'glibc')
jdk_static = ['libjava.a', 'libnio.a', 'libnet.a', 'libzip.a']
missing = [l for l in jdk_static if not os.path.exists(os.path.join(static_dir, l))]
say('stopped before the link (-H:+ExitAfterRelocatableImageWrite): linking needs the JDK\'s static libraries, '
    'missing from %s: %s; and Native Image\'s C libraries (liblibchelper.a, libjvm.a, libsvm_container.a '
    'of a GraalVM\'s lib/svm/clibraries/), which no Maven Central artifact ships' % (static_dir, ' '.join(missing) or 'none'))

ok = status == 0 and not problems and objects
say('RESULT: ' + ('analysis and compilation passed; the object file is written, the link not attempted' if ok
                  else 'FAILED (see the errors above and target/native-check/builder.log)'))
sys.exit(0 if ok else 1)

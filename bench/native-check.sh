#!/usr/bin/env bash
# Runs Native Image's real builder over catflap's native build, as far as a machine without GraalVM
# allows: analysis and compilation of the image, up to the object file; not the link (see README,
# "Native executable").
#
#   bench/native-check.sh [--no-package]
#
# 1. fetches the builder (org.graalvm.nativeimage:svm and its jars) from Maven Central with Maven,
#    into target/native-check/builder-VERSION/ (kept: later runs reuse it);
# 2. builds what Quarkus prepares for native-image: ./mvnw package -Pnative
#    -Dquarkus.native.sources-only=true -> target/native-sources/ (catflap.jar, lib/, native-image.args);
#    --no-package uses the target/native-sources/ already there;
# 3. runs the builder on the Temurin 25 JDK over those, with what the missing `native-image` driver
#    and GraalVM's own files would have given it (bench/native-check/), and stops it after it wrote
#    the object file (-H:+ExitAfterRelocatableImageWrite), which is where the link would start;
# 4. reports the analysis figures, every error and warning, and why it stopped there.
# Exit status: 0 if the builder got to the object file with no error, 1 if not, 2 if it could not run.
#
# Settings (environment): NATIVE_CHECK_JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64),
# NATIVE_CHECK_GRAAL_VERSION (default 25.0.4: the builder must match the JDK's feature release),
# NATIVE_CHECK_HEAP (builder heap, default 6g; a hello-world needs about 3g).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

package=true
case "${1:-}" in
    --no-package) package=false ;;
    '') ;;
    *) echo "usage: bench/native-check.sh [--no-package]" >&2; exit 2 ;;
esac

export JAVA_HOME=${NATIVE_CHECK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
version=${NATIVE_CHECK_GRAAL_VERSION:-25.0.4}
heap=${NATIVE_CHECK_HEAP:-6g}
work=$root/target/native-check
builder=$work/builder-$version
image=$work/image
mkdir -p "$work"
# One run at a time per tree: a second would rewrite the same files under a builder still running.
exec 9> "$work/lock"

say() { printf '[native-check] %s\n' "$*"; }
die() { say "$*" >&2; exit 2; }

flock -n 9 || die "another bench/native-check.sh runs in this tree"
[ -x "$JAVA_HOME/bin/java" ] || die "no JDK at $JAVA_HOME (set NATIVE_CHECK_JAVA_HOME)"
jdk_feature=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "$jdk_feature" = "${version%%.*}" ] || die "builder $version needs a JDK ${version%%.*}; $JAVA_HOME is $jdk_feature"
command -v gcc >/dev/null || die "no gcc: the builder compiles its C queries with it"
command -v python3 >/dev/null || die "no python3"

# 1. The builder's jars. The Graal compiler jar replaces the JDK's own jdk.graal.compiler module
# (--upgrade-module-path); all the others form the builder's module path.
if [ ! -f "$builder/.complete" ]; then
    say "fetching Native Image's builder $version from Maven Central"
    rm -rf "$builder"
    ./mvnw -B -q -f bench/native-check/pom.xml -Dgraal.version="$version" \
        org.apache.maven.plugins:maven-dependency-plugin:3.7.0:copy-dependencies \
        -DoutputDirectory="$builder" > "$work/fetch.log" 2>&1 || { cat "$work/fetch.log" >&2; die "fetching the builder failed"; }
    touch "$builder/.complete"
fi
compiler_jar=$builder/compiler-$version.jar
svm_jar=$builder/svm-$version.jar
[ -f "$compiler_jar" ] && [ -f "$svm_jar" ] || die "$builder lacks compiler-$version.jar or svm-$version.jar"
module_path=$(find "$builder" -name '*.jar' ! -name "compiler-$version.jar" | sort | paste -sd:)
builder_modules=$(for jar in ${module_path//:/ }; do "$JAVA_HOME/bin/jar" --describe-module --file "$jar" | sed -n '1s/[@ ].*//p'; done | paste -sd,)

# The JDK-internal packages the builder's modules use. GraalVM's driver carries this list
# (graal-compiler-flags-25.config, made by GraalVM's build from the modules' requiresConcealed);
# here jdeps reads it off the jars themselves, once per builder version.
if [ ! -f "$builder/exports.args" ]; then
    say "listing the JDK-internal packages the builder uses (jdeps, about a minute)"
    "$JAVA_HOME/bin/jdeps" --multi-release "$jdk_feature" --ignore-missing-deps \
        --upgrade-module-path "$compiler_jar" --module-path "$module_path" -verbose:package \
        "$builder"/*.jar > "$work/jdeps.txt"
    awk '/^[^ \[]/ { module = $1; next }
         / -> .*JDK internal API \(/ { target = $NF; gsub(/[()]/, "", target); key = target "/" $3
                                      users[key] = (key in users) ? users[key] "," module : module }
         END { for (key in users) print "--add-exports=" key "=" users[key] }' "$work/jdeps.txt" \
        | sort > "$builder/exports.args.tmp"
    mv "$builder/exports.args.tmp" "$builder/exports.args"
fi

# 2. What Quarkus prepares for native-image.
sources=$root/target/native-sources
if $package; then
    say "building target/native-sources/ (./mvnw package -Pnative -Dquarkus.native.sources-only=true)"
    ./mvnw -B package -Pnative -DskipTests -Dquarkus.native.sources-only=true > "$work/package.log" 2>&1 \
        || { tail -40 "$work/package.log" >&2; die "the Quarkus native build failed (log: $work/package.log)"; }
fi
[ -f "$sources/native-image.args" ] || die "no $sources/native-image.args (run without --no-package)"

# 3a. C headers the builder's C queries include. GraalVM ships them in lib/svm/clibraries/; the Maven
# jars do not. The queries only ask for the sizes and offsets of these structs' fields and the values
# of constants, so headers declaring what the builder's own @CStruct/@CField/@CConstant classes name
# (read off the class files) serve: the figures they give feed only the object file, never a binary.
clib=$work/clibraries
rm -rf "$clib" && mkdir -p "$clib/include"
c_header() {
    local out=$1; shift
    { echo "/* Generated by bench/native-check.sh from the builder's classes: $* */"
      for cls in "$@"; do
          "$JAVA_HOME/bin/javap" -v -cp "$svm_jar" "$cls" | awk -v CLS="$cls" '
              function ctype(t) {
                  if (t == "boolean" || t == "byte") return "char"
                  if (t == "short" || t == "int" || t == "long" || t == "float" || t == "double") return t
                  if (t ~ /CCharPointer$/) return "char *"
                  return "void *"
              }
              /^ *(public |static |abstract |native )*[A-Za-z0-9_.$]+ [A-Za-z0-9_]+\(\);$/ {
                  n = split($0, w, " "); type = w[n-1]; name = w[n]; sub(/\(\);$/, "", name); next }
              /org\.graalvm\.nativeimage\.c\.struct\.CField$/ { fields[++nf] = ctype(type) " " name; next }
              /org\.graalvm\.nativeimage\.c\.struct\.CField\(/ { infield = 1; cname = name; next }
              infield && /value="/ { s = $0; sub(/.*value="/, "", s); sub(/".*/, "", s); cname = s; next }
              infield && /^ *\)/ { infield = 0; fields[++nf] = ctype(type) " " cname; next }
              /org\.graalvm\.nativeimage\.c\.constant\.CConstant/ { consts[++nc] = name; next }
              /org\.graalvm\.nativeimage\.c\.struct\.CStruct$/ { isstruct = 1; next }
              /org\.graalvm\.nativeimage\.c\.struct\.CStruct\(/ { instruct = 1; next }
              instruct && /value="/ { s = $0; sub(/.*value="/, "", s); sub(/".*/, "", s); structname = s; next }
              instruct && /^ *\)/ { instruct = 0; isstruct = 1; next }
              END {
                  if (isstruct) {
                      if (structname == "") { structname = CLS; sub(/.*[.$]/, "", structname) }
                      print "typedef struct {"
                      for (i = 1; i <= nf; i++) print "    " fields[i] ";"
                      print "} " structname ";"
                  }
                  for (i = 1; i <= nc; i++) print "#define " consts[i] " " i
              }'
      done
    } > "$clib/include/$out"
    gcc -fsyntax-only -x c "$clib/include/$out" || die "generated $out does not compile"
}
c_header amd64cpufeatures.h 'com.oracle.svm.core.amd64.AMD64LibCHelper$CPUFeatures'
c_header aarch64cpufeatures.h 'com.oracle.svm.core.aarch64.AArch64LibCHelper$CPUFeatures'
c_header riscv64cpufeatures.h 'com.oracle.svm.core.riscv64.RISCV64LibCHelper$CPUFeatures'
c_header svm_locale.h 'com.oracle.svm.core.c.locale.LocaleCHelper$LocaleProps' com.oracle.svm.core.c.locale.LocaleCHelper

# 3b. The builder looks for its progress reporter's JNI helper under java.home
# (lib/svm/builder/lib/libreporterchelper.so, part of a GraalVM). java.home is pointed at a copy of
# the JDK made of links, plus that helper built from bench/native-check/reporterchelper.c.
home=$work/java-home
rm -rf "$home" && mkdir -p "$home/lib/svm/builder/lib"
for entry in "$JAVA_HOME"/*; do [ "${entry##*/}" = lib ] || ln -s "$entry" "$home/"; done
for entry in "$JAVA_HOME"/lib/*; do ln -s "$entry" "$home/lib/"; done
gcc -shared -fPIC -O2 -Wall -Werror -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" \
    -o "$home/lib/svm/builder/lib/libreporterchelper.so" bench/native-check/reporterchelper.c

# 3c. The driver's translation of native-image.args.
python3 bench/native-check/builder_args.py "$sources" > "$work/builder-args.json" || die "cannot translate $sources/native-image.args"

rm -rf "$image" && mkdir -p "$image/tmp"
argfile=$work/builder.argfile
heap=$heap home=$home version=$version builder=$builder compiler_jar=$compiler_jar module_path=$module_path \
builder_modules=$builder_modules image=$image clib=$clib \
python3 - "$work/builder-args.json" "$argfile" <<'EOF'
import json, os, sys, uuid
e = os.environ
args = json.load(open(sys.argv[1]))
java = [
    # What GraalVM's driver gives every builder JVM (com.oracle.svm.driver.NativeImage).
    '-XX:+UnlockExperimentalVMOptions', '-XX:+EnableJVMCI', '-XX:-UseJVMCICompiler',
    '-XX:+UseParallelGC', '-Xss10m', '-Xmx' + e['heap'], '-Xshare:off',
    '-Djava.home=' + e['home'],
    '-Djava.awt.headless=true', '-Dorg.graalvm.version=' + e['version'],
    # What a GraalVM Community build of this version says of itself; Quarkus's features read it.
    '-Dorg.graalvm.vendor=GraalVM Community', '-Dorg.graalvm.vendorversion=GraalVM CE ' + e['version'],
    '-Dcom.oracle.graalvm.isaot=true',
    '-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader',
    '-Dorg.graalvm.nativeimage.imagecode=buildtime',
    '-Djdk.internal.lambda.disableEagerInitialization=true',
    '-Djdk.internal.lambda.eagerlyInitialize=false',
    '-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false',
    '-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1',
    '-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false',
] + [line.strip() for line in open(os.path.join(e['builder'], 'exports.args')) if line.strip()] + args['java'] + [
    '--upgrade-module-path', e['compiler_jar'],
    '--module-path', e['module_path'],
    '--add-modules=ALL-DEFAULT',
    '--enable-native-access=' + e['builder_modules'] + ',ALL-UNNAMED',
    '--module', 'org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner',
]
builder = args['builder'] + [
    '-H:Path=' + e['image'],
    '-H:CLibraryPath=' + e['clib'],
    '-H:+UnlockExperimentalVMOptions',
    # The driver derives the build id from the arguments; any unique one serves a single build.
    '-H:ImageBuildID=' + str(uuid.uuid4()),
    '-H:TempDirectory=' + os.path.join(e['image'], 'tmp'),
    # Stop once the object file is written: the link needs static libraries this JDK lacks.
    '-H:+ExitAfterRelocatableImageWrite',
    '-H:-UnlockExperimentalVMOptions',
]
def quote(a):  # the java launcher's @argfile syntax
    return '"' + a.replace('\\', '\\\\').replace('"', '\\"') + '"'
with open(sys.argv[2], 'w') as f:
    f.write('\n'.join(quote(a) for a in java + builder) + '\n')
EOF

say "running the builder (heap $heap; on 2 busy cores this takes many minutes; log: target/native-check/builder.log)"
start=$(date +%s)
set +e
# JVMCI_VERSION_CHECK: the compiler jar is 25.0.4's, the JDK's JVMCI may be another 25.0.x update.
# USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM: the builder runs on the module path (as the driver says).
(cd "$image" && env JVMCI_VERSION_CHECK=ignore USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM=true \
    "$JAVA_HOME/bin/java" @"$argfile") 2>&1 | tee "$work/builder.log"
status=${PIPESTATUS[0]}
set -e
seconds=$(( $(date +%s) - start ))

# 4. The report.
python3 bench/native-check/report.py "$work" "$status" "$seconds" "$version" "$JAVA_HOME"

#!/usr/bin/env python3
"""Turns what Quarkus prepares for `native-image` (target/native-sources/native-image.args) into the
arguments of Native Image's builder itself (com.oracle.svm.hosted.NativeImageGeneratorRunner).

The `native-image` command is a driver that is not on Maven Central: only the builder is. This does
the part of the driver's work that catflap's build needs, the way the driver of the same version does
it (com.oracle.svm.driver.NativeImage, APIOptionHandler, NativeImageMetaInfWalker): -J options go to
the builder's JVM, API options (--features, --no-fallback ...) become the -H: options they stand for,
`-jar` is read for its Main-Class, Class-Path, Add-Opens and Enable-Native-Access, and the metadata
files under META-INF/native-image/ of each class-path entry become -H:...Resources options.
An option the driver would take but this does not know stops it (exit 2), so that a new argument
from Quarkus is never dropped unseen.

usage: builder_args.py SOURCES_DIR  -> prints JSON {"java": [...], "builder": [...], "metadata": [...]}
"""
import json
import os
import shlex
import sys
import zipfile

# API option -> the builder option it stands for (read off the @APIOption annotations of the builder's
# option classes, 25.0.4: FeatureHandler.Options.Features, SubstrateOptions.FallbackThreshold, ...).
WITH_VALUE = {
    '--features': 'Features',
    '--enable-url-protocols': 'EnableURLProtocols',
    '--enable-monitoring': 'EnableMonitoringFeatures',
    '--enable-native-access': 'EnableNativeAccess',
    '--link-at-build-time': 'LinkAtBuildTime',
    '--initialize-at-build-time': 'ClassInitialization',
    '--initialize-at-run-time': 'ClassInitialization',
}
FIXED = {
    '--no-fallback': '-H:FallbackThreshold=0',
    '--link-at-build-time': '-H:LinkAtBuildTime=',
}
# META-INF/native-image/**/<name> -> option (the driver's MetaInfFileType).
METADATA = {
    'reachability-metadata.json': 'ReachabilityMetadataResources',
    'jni-config.json': 'JNIConfigurationResources',
    'reflect-config.json': 'ReflectionConfigurationResources',
    'resource-config.json': 'ResourceConfigurationResources',
    'proxy-config.json': 'DynamicProxyConfigurationResources',
    'serialization-config.json': 'SerializationConfigurationResources',
    'serialization-deny-config.json': 'SerializationDenyConfigurationResources',
    'predefined-classes-config.json': 'PredefinedClassesConfigurationResources',
}


def fail(message):
    print('native-check: ' + message, file=sys.stderr)
    sys.exit(2)


class Translation:
    def __init__(self, sources):
        self.sources = sources
        self.java = []
        self.builder = []
        self.classpath = []
        self.metadata = []
        self.name = None

    def hosted(self, option):
        # Options the driver would mark as its own are experimental to the builder when given
        # plainly; unlocking around each keeps the user's own unlock/lock pairs meaningful.
        self.builder += ['-H:+UnlockExperimentalVMOptions', option, '-H:-UnlockExperimentalVMOptions']

    def args(self, args, origin):
        i = 0
        while i < len(args):
            arg = args[i]
            i += 1
            if arg.startswith('-J'):
                self.java.append(arg[2:])
            elif arg.startswith('-H:'):
                self.builder.append(arg)
            elif arg == '-jar':
                self.jar(os.path.join(self.sources, args[i]))
                i += 1
            elif arg in FIXED and '=' not in arg:
                self.hosted(FIXED[arg])
            elif arg.split('=', 1)[0] in WITH_VALUE and '=' in arg:
                key, value = arg.split('=', 1)
                if key == '--initialize-at-build-time':
                    value = ','.join(c + ':build_time' for c in value.split(',')) if value else ':build_time'
                elif key == '--initialize-at-run-time':
                    value = ','.join(c + ':run_time' for c in value.split(','))
                self.hosted('-H:%s=%s' % (WITH_VALUE[key], value))
            elif arg == '-o':
                self.name = args[i]
                i += 1
            elif not arg.startswith('-') and self.name is None:
                self.name = arg
            else:
                fail('%s: native-image argument %r is not known to this check; teach bench/native-check/builder_args.py what the driver makes of it' % (origin, arg))

    def jar(self, path):
        with zipfile.ZipFile(path) as jar:
            manifest = jar.read('META-INF/MANIFEST.MF').decode()
        attributes = {}
        key = None
        for line in manifest.splitlines():
            if line.startswith(' ') and key:
                attributes[key] += line[1:]
            elif ':' in line:
                key, value = line.split(':', 1)
                attributes[key] = value.strip()
        self.classpath.append(path)
        for entry in attributes.get('Class-Path', '').split():
            self.classpath.append(os.path.normpath(os.path.join(os.path.dirname(path), entry)))
        if 'Main-Class' not in attributes:
            fail('%s has no Main-Class' % path)
        self.builder.append('-H:Class=' + attributes['Main-Class'])
        for module in attributes.get('Add-Opens', '').split():
            self.hosted('-H:AddOpens=%s=ALL-UNNAMED' % module)
        for module in attributes.get('Add-Exports', '').split():
            self.hosted('-H:AddExports=%s=ALL-UNNAMED' % module)
        if attributes.get('Enable-Native-Access') == 'ALL-UNNAMED':
            self.java.append('--enable-native-access=ALL-UNNAMED')

    def metadata_files(self):
        for entry in self.classpath:
            if not os.path.exists(entry):
                continue
            if os.path.isdir(entry):
                names = [os.path.relpath(os.path.join(d, f), entry) for d, _, fs in os.walk(entry) for f in fs]
                read = lambda n: open(os.path.join(entry, n), 'rb').read()
            else:
                jar = zipfile.ZipFile(entry)
                names = jar.namelist()
                read = jar.read
            for name in sorted(names):
                if not name.startswith('META-INF/native-image/') or name.endswith('/'):
                    continue
                base = name.rsplit('/', 1)[-1]
                if base in METADATA:
                    self.metadata.append('%s!/%s' % (os.path.basename(entry), name))
                    self.hosted('-H:%s=%s' % (METADATA[base], name))
                elif base == 'native-image.properties':
                    self.metadata.append('%s!/%s' % (os.path.basename(entry), name))
                    self.properties(read(name).decode(), '%s!/%s' % (entry, name))

    def properties(self, text, origin):
        values = {}
        key = None
        for line in text.replace('\\\n', ' ').splitlines():
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            key, _, value = line.partition('=')
            values[key.strip()] = value.strip()
        unknown = set(values) - {'Args', 'JavaArgs', 'ImageName'}
        if unknown:
            fail('%s: %s not known to this check' % (origin, ', '.join(sorted(unknown))))
        self.args(shlex.split(values.get('Args', '')), origin)
        self.java += shlex.split(values.get('JavaArgs', ''))


def main():
    sources = os.path.abspath(sys.argv[1])
    t = Translation(sources)
    with open(os.path.join(sources, 'native-image.args')) as f:
        t.args(shlex.split(f.read()), 'native-image.args')
    t.metadata_files()
    if t.name is None:
        fail('native-image.args names no image')
    missing = [p for p in t.classpath if not os.path.exists(p)]
    if missing:
        fail('class path entries missing: ' + ' '.join(missing))
    t.builder = ['-imagecp', os.pathsep.join(t.classpath), '-H:Name=' + t.name] + t.builder
    json.dump({'java': t.java, 'builder': t.builder, 'metadata': t.metadata}, sys.stdout, indent=1)


main()

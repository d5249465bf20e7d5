package dev.catflap.launch;

/**
 * The build's training run: catflap does everything up to the exec, then ends normally. A JVM
 * recording a start-up archive (-XX:AOTCacheOutput, -XX:ArchiveClassesAtExit) writes it as it
 * exits, and an exec would replace it first. Asked for with the system property
 * {@code -Dcatflap.training=true}, which only the build passes: a property stays in this JVM,
 * where an environment variable would reach the command.
 */
final class TrainingRun {
    private TrainingRun() {
    }

    static boolean requested() {
        return LauncherProperties.current().trainingRun();
    }
}

/*
 * The builder's progress reporter loads a small JNI helper, lib/svm/builder/lib/libreporterchelper.so
 * of a GraalVM, for two figures of its closing summary: the builder's peak memory and the terminal
 * width. The Maven Central jars do not ship it, so bench/native-check.sh builds this stand-in,
 * written here from those two native methods' signatures (com.oracle.svm.hosted.ProgressReporterCHelper).
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

JNIEXPORT jlong JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass cls) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    return (jlong) usage.ru_maxrss * 1024; /* Linux reports kilobytes; the builder wants bytes */
}

JNIEXPORT jint JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass cls) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) {
        return -1;
    }
    return size.ws_col;
}

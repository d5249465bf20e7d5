package dev.catflap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The entry point with a command bean that throws: what reaches stderr and the status, for an
 * exception picocli hands the mapper and for an Error it lets through. (The packaged catflap's
 * own case, a JNA library that cannot load, is InternalErrorIT's.)
 */
class CatflapMainTest {

    @Test
    void anUnexpectedExceptionIsOneLineAndTheInternalErrorsStatus() {
        Run run = run(false, () -> new IllegalStateException("broken"));
        assertEquals(ExitStatus.INTERNAL_ERROR.code(), run.status());
        assertEquals(List.of("[catflap] internal error: java.lang.IllegalStateException: broken"), run.stderr());
    }

    @Test
    void anErrorPicocliLetsThroughIsOneLineAndTheInternalErrorsStatus() {
        Run run = run(false, () -> new UnsatisfiedLinkError("no libjnidispatch"));
        assertEquals(ExitStatus.INTERNAL_ERROR.code(), run.status());
        assertEquals(List.of("[catflap] internal error: java.lang.UnsatisfiedLinkError: no libjnidispatch"), run.stderr());
    }

    @Test
    void withDebugTheTraceFollowsEachLinePrefixed() {
        Run run = run(true, () -> new IllegalStateException("broken"));
        assertEquals(ExitStatus.INTERNAL_ERROR.code(), run.status());
        assertEquals("[catflap] internal error: java.lang.IllegalStateException: broken", run.stderr().get(0));
        assertEquals("[catflap] java.lang.IllegalStateException: broken", run.stderr().get(1));
        assertTrue(run.stderr().stream().anyMatch(line -> line.startsWith("[catflap]     at dev.catflap.cli.CatflapMainTest")),
                run.stderr().toString());
        assertTrue(run.stderr().stream().allMatch(line -> line.startsWith("[catflap] ")), run.stderr().toString());
    }

    /** An error catflap expected has no trace, even with debug: it says all there is to say. */
    @Test
    void withDebugAnExpectedFailureIsStillOneLine() {
        Run run = run(true, () -> CatflapException.failure("cannot listen on 127.0.0.1:5000: address already in use"));
        assertEquals(ExitStatus.FAILURE.code(), run.status());
        assertEquals(List.of("[catflap] cannot listen on 127.0.0.1:5000: address already in use"), run.stderr());
    }

    /** A thread of catflap's that dies of an exception says so in one line, as the main thread's internal error, not with Java's trace. */
    @Test
    void anExceptionNoThreadCaughtIsOneLineNamingTheThread() throws InterruptedException {
        Thread.UncaughtExceptionHandler handler = run(false, () -> CatflapException.failure("stop")).handler();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            Thread.setDefaultUncaughtExceptionHandler(handler);
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Thread thread = new Thread(() -> {
                throw new IllegalStateException("broken");
            }, "catflap-watcher");
            thread.start();
            thread.join();
        } finally {
            System.setErr(stderr);
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertEquals(List.of("[catflap] internal error in thread catflap-watcher: java.lang.IllegalStateException: broken"),
                captured.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** @param handler the uncaught-exception handler run() installed for the JVM */
    private record Run(int status, List<String> stderr, Thread.UncaughtExceptionHandler handler) {
    }

    /** CatflapMain.run, with a command that throws what {@code thrown} makes, and stderr captured. */
    private static Run run(boolean traces, Supplier<? extends Throwable> thrown) {
        CatflapMain main = new CatflapMain();
        main.factory = CommandLine.defaultFactory();
        main.command = new CatflapCommand(null, null, null, null, null, null) {
            @Override
            public Integer call() {
                Throwable e = thrown.get();
                if (e instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) e;
            }
        };
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        Thread.UncaughtExceptionHandler installed;
        Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = main.run(traces, "true");
        } finally {
            System.setErr(stderr);
            installed = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler(handler); // the JVM's: not left set for other tests
        }
        return new Run(status, captured.toString(StandardCharsets.UTF_8).lines().toList(), installed);
    }
}

package dev.catflap.cli;

import dev.catflap.CatflapException;
import dev.catflap.DebugVariable;
import dev.catflap.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where an exception becomes catflap's lines on stderr and its exit status, for
 * picocli's parse errors and for whatever the command threw alike: a {@link CatflapException}
 * says its message and ends with its status, picocli's errors are usage errors, anything else
 * (an Error too) is an internal error, with a status of its own so that a script or a bug report
 * can tell it from a failure catflap expected. Nothing else prints an error or picks a status for one.
 */
final class ExitStatusMapper implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final boolean traces;

    /** @param traces whether an internal error's stack trace follows its line ({@link DebugVariable}) */
    ExitStatusMapper(boolean traces) {
        this.traces = traces;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        return report(e);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
        return report(e);
    }

    /** Says what went wrong; the status to exit with. */
    int report(Throwable e) {
        lines(e).forEach(Console::say);
        if (traces && status(e) == ExitStatus.INTERNAL_ERROR) {
            trace(e).forEach(Console::say);
        }
        return status(e).code();
    }

    /**
     * An exception no code of a thread of catflap's own caught (a supervisor's watcher, reaper):
     * Java's default would print its stack trace. Said as an internal error instead, naming the
     * thread; what that thread's end does to the run is the run's concern, as before.
     */
    void uncaught(Thread thread, Throwable e) {
        Console.say("internal error in thread " + thread.getName() + ": " + e);
        if (traces) {
            trace(e).forEach(Console::say);
        }
    }

    /** The lines for {@code e}, without the prefix. picocli's message quotes the user's argument: it is escaped as every line. */
    static List<String> lines(Throwable e) {
        if (e instanceof CatflapException catflap) {
            return catflap.showsUsage() ? List.of(catflap.getMessage(), Console.USAGE_HINT) : List.of(catflap.getMessage());
        }
        if (e instanceof ParameterException) {
            return List.of(e.getMessage(), Console.USAGE_HINT);
        }
        return List.of("internal error: " + e);
    }

    static ExitStatus status(Throwable e) {
        if (e instanceof CatflapException catflap) {
            return catflap.status();
        }
        return e instanceof ParameterException ? ExitStatus.USAGE : ExitStatus.INTERNAL_ERROR;
    }

    /**
     * {@code e}'s stack trace as Java prints it, causes included, one line each; a tab (before
     * each "at") as spaces, since a line escapes a tab as {@code \t}.
     */
    static List<String> trace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString().replace("\t", "    ").lines().toList();
    }
}

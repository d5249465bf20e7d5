package dev.catflap.cli;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where an exception becomes catflap's lines on stderr and its exit status, for
 * picocli's parse errors and for whatever the command threw alike: a {@link CatflapException}
 * says its message and ends with its status, picocli's errors are usage errors, anything else is
 * an internal error. Nothing else prints an error or picks a status for one.
 */
final class ExitStatusMapper implements IParameterExceptionHandler, IExecutionExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        return report(e);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
        return report(e);
    }

    /** Says what went wrong; the status to exit with. */
    static int report(Exception e) {
        lines(e).forEach(Console::say);
        return status(e).code();
    }

    /** The lines for {@code e}, without the prefix. picocli's message quotes the user's argument: it is escaped as every line. */
    static List<String> lines(Exception e) {
        if (e instanceof CatflapException catflap) {
            return catflap.showsUsage() ? List.of(catflap.getMessage(), Console.USAGE_HINT) : List.of(catflap.getMessage());
        }
        if (e instanceof ParameterException) {
            return List.of(e.getMessage(), Console.USAGE_HINT);
        }
        return List.of("internal error: " + e);
    }

    static ExitStatus status(Exception e) {
        if (e instanceof CatflapException catflap) {
            return catflap.status();
        }
        return e instanceof ParameterException ? ExitStatus.USAGE : ExitStatus.FAILURE;
    }
}

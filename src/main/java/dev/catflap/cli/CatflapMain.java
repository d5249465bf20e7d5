package dev.catflap.cli;

import dev.catflap.CatflapException;
import dev.catflap.DebugVariable;
import dev.catflap.launch.CallerArguments;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * The entry point. It sets picocli up the way a launcher needs it (options end at the command,
 * no @file expansion of the command's arguments), with {@link ExitStatusMapper}, the one place
 * where errors become "[catflap] ..." lines and exit statuses, an internal error's trace only
 * with {@link DebugVariable} set.
 */
@QuarkusMain
public class CatflapMain implements QuarkusApplication {
    @Inject
    IFactory factory;

    @Inject
    @TopCommand // Quarkus qualifies the one @Command so
    CatflapCommand command;

    @Override
    public int run(String... args) {
        return run(DebugVariable.isSet(System.getenv()), args);
    }

    /**
     * picocli hands the mapper the exceptions the command throws, but lets an Error through (a
     * JNA library that cannot load, a stack overflow): caught here, so that it too is one line
     * and the internal error's status, rather than Quarkus's log with a trace and exit 1.
     */
    int run(boolean traces, String... args) {
        ExitStatusMapper errors = new ExitStatusMapper(traces);
        Thread.setDefaultUncaughtExceptionHandler(errors::uncaught);
        try {
            CommandLine cli = new CommandLine(CommandModel.of(command), factory)
                    .setStopAtPositional(true)
                    .setExpandAtFiles(false)
                    .setParameterExceptionHandler(errors)
                    .setExecutionExceptionHandler(errors);
            return outputWritten(cli.execute(CallerArguments.exact(args)), errors);
        } catch (Throwable e) { // an Error too: see above
            return errors.report(e);
        }
    }

    /**
     * --help, --version and --show-config print on stdout, which swallows write errors: one that
     * failed ({@code catflap --help > /dev/full}) must not end as a success.
     */
    private static int outputWritten(int status, ExitStatusMapper errors) {
        if (System.out.checkError()) {
            int failed = errors.report(CatflapException.failure("cannot write to standard output"));
            return status == 0 ? failed : status;
        }
        return status;
    }
}

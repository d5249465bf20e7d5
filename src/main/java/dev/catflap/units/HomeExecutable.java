package dev.catflap.units;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An executable that catflap's search found inside the generating user's home: a pyenv or nvm
 * shim, {@code ~/.local/bin}. It works for that user's shell, but a service runs it without the
 * shell's setup (a shim picks its version from variables and files the service lacks), often as
 * another user, or with the home hidden (ProtectHome=). The project's own files are no such
 * case, even in a home: the service runs there (WorkingDirectory=) anyway.
 */
final class HomeExecutable {
    private HomeExecutable() {
    }

    /**
     * @param home $HOME as the shell has it, else the user's home in the password database
     * @return a {@code warning: ...} naming the executable, if it is in the home and not in the
     *     service's working directory
     */
    static Optional<String> warning(UnitPlan plan, Optional<String> home) {
        Optional<Path> directory = home.flatMap(HomeExecutable::path).filter(Path::isAbsolute).map(Path::normalize)
                .filter(path -> path.getParent() != null);
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Path executable = Path.of(plan.exec().get(0));
        Path working = plan.workingDirectory();
        boolean project = !isInside(directory.get(), working) && isInside(executable, working);
        if (!isInside(executable, directory.get()) || project) {
            return Optional.empty();
        }
        // a link from a system path (/usr/local/bin/x -> ~/tools/x) is named with the file it runs
        Path target = real(executable);
        String runs = executable.normalize().startsWith(directory.get()) || target.equals(executable) ? executable.toString()
                : executable + " (a link to " + target + ")";
        return Optional.of("warning: ExecStart= runs " + runs + ", inside your home " + directory.get()
                + ", which the service may not have (another user, ProtectHome=, no shell's setup for a shim): "
                + "give the production command with a system path, --unit-command (or catflap.unit-command)");
    }

    /** Whether {@code path} is {@code directory} or below it, as named or once links are resolved. */
    private static boolean isInside(Path path, Path directory) {
        return path.normalize().startsWith(directory) || real(path).startsWith(real(directory));
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.normalize();
        }
    }

    private static Optional<Path> path(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}

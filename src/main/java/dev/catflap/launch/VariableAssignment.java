package dev.catflap.launch;

import java.util.regex.Pattern;

/**
 * One {@code NAME=VALUE} of {@code --setenv}: a variable put into the command's environment, over
 * the caller's value of the same name. catflap runs no shell, so a command line's leading
 * {@code DEBUG=1} is not an assignment there: this is how to write one.
 *
 * @param name a variable name: letters, digits and {@code _}, not starting with a digit
 * @param value the value as written, {@link dev.catflap.posix.OsString}'s escapes for bytes that are not UTF-8
 */
public record VariableAssignment(String name, String value) {
    /** What a shell takes for a variable's name, and what POSIX names variables with. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A word that a shell, before a command, would take for an assignment. */
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    /** Whether a shell would read {@code word}, the first of a command, as an assignment for the command. */
    public static boolean looksLikeOne(String word) {
        return ASSIGNMENT.matcher(word).matches();
    }

    /** {@code NAME=VALUE} as written. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}

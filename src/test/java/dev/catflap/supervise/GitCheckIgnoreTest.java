package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.posix.Posix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * catflap's reading of ignore files against git's own: random patterns in a .gitignore at each
 * level and in .git/info/exclude, random paths, and {@code git check-ignore} says what it ignores.
 * Each round is a fresh repository; the seed is fixed, so that a failure comes back.
 */
class GitCheckIgnoreTest {
    private static final int ROUNDS = Integer.getInteger("rounds", 60);
    private static final List<String> DIRECTORIES = List.of("a", "b", "ab", "d.d");
    private static final List<String> FILES = List.of("a", "b", "ab", "ba", "a.b", ".a", "x~", "a b", "[a]", "#a", "!b",
            "a\\b", "é");
    private static final List<String> SEGMENTS = List.of("a", "b", "ab", "*", "?", "**", "a*", "*b", "*.b", "[ab]",
            "[!a]", "[^b]", "[a-b]", "[b-a]", "\\a", "a?", "[[:alpha:]]", "[[:digit:]]", ".a", "x~", "*~", "d.d", "a b",
            "\\[a]", "[]a]", "[a", "\\#a", "\\!b", "#a", "***", "a**", "**b", "[!]]", "?", "\u00c3\u00a9", "[\u00c3]*");

    @TempDir
    Path temp;

    @Test
    void decidesAsGitCheckIgnoreDoes() throws Exception {
        Random random = new Random(Long.getLong("seed", 22));
        int compared = 0;
        int ignored = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path repository = Files.createDirectory(temp.resolve("r" + round));
            git(repository, "init", "-q", ".");
            List<Path> paths = tree(repository, random);
            List<Path> directories = new ArrayList<>(List.of(repository));
            paths.stream().filter(Files::isDirectory).forEach(directories::add);
            for (Path directory : directories) {
                if (random.nextInt(3) > 0) {
                    Files.write(directory.resolve(".gitignore"), patterns(random));
                }
            }
            Files.write(repository.resolve(".git/info/exclude"), patterns(random));

            Set<String> byGit = checkIgnore(repository, paths);
            List<String> warnings = new ArrayList<>();
            IgnoreRules rules = IgnoreRules.of(List.of(repository),
                    new Ignores(List.of(), false, true, new IgnoreFileReader(Posix.system())), warnings::add);
            for (Path path : paths) {
                String relative = repository.relativize(path).toString();
                boolean expected = byGit.contains(relative);
                assertEquals(expected, rules.ignores(repository, repository.relativize(path)),
                        () -> "round " + round(repository) + ": " + relative + (expected ? " is" : " is not")
                                + " ignored by git (" + verbose(repository, relative) + "); the ignore files:\n"
                                + describe(repository));
                compared++;
                ignored += expected ? 1 : 0;
            }
            assertEquals(List.of(), warnings);
        }
        // The comparison means something only if both answers came often.
        assertTrue(ignored > compared / 5 && ignored < compared * 4 / 5, ignored + " of " + compared + " ignored");
    }

    private static String round(Path repository) {
        return repository.getFileName().toString();
    }

    /** A random tree of directories and files under {@code repository}; all of them. */
    private static List<Path> tree(Path repository, Random random) throws IOException {
        List<Path> paths = new ArrayList<>();
        addLevel(repository, random, 0, paths);
        return paths;
    }

    private static void addLevel(Path directory, Random random, int depth, List<Path> paths) throws IOException {
        for (String name : FILES) {
            if (random.nextInt(3) == 0) {
                paths.add(Files.writeString(directory.resolve(name), ""));
            }
        }
        if (depth < 3) {
            for (String name : DIRECTORIES) {
                if (random.nextInt(2) == 0 && !Files.exists(directory.resolve(name))) {
                    Path made = Files.createDirectory(directory.resolve(name));
                    paths.add(made);
                    addLevel(made, random, depth + 1, paths);
                }
            }
        }
    }

    /** A few lines of random patterns, written as bytes (some UTF-8 of their own). */
    private static byte[] patterns(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = 1 + random.nextInt(5);
        for (int line = 0; line < lines; line++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                text.append("# a comment\n");
                continue;
            } else if (kind == 1) {
                text.append("\n");
                continue;
            }
            if (random.nextInt(4) == 0) {
                text.append('!');
            }
            if (random.nextInt(4) == 0) {
                text.append('/');
            }
            int segments = 1 + random.nextInt(3);
            for (int i = 0; i < segments; i++) {
                text.append(i > 0 ? "/" : "").append(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
            }
            if (random.nextInt(4) == 0) {
                text.append('/');
            }
            switch (random.nextInt(8)) {
                case 0 -> text.append("  ");
                case 1 -> text.append("\\ ");
                case 2 -> text.append('\r');
                default -> { }
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1); // each char a byte, as written
    }

    /** The paths git ignores, relative to the repository. */
    private static Set<String> checkIgnore(Path repository, List<Path> paths) throws Exception {
        Process git = new ProcessBuilder("git", "-c", "core.excludesFile=/dev/null", "check-ignore", "--no-index", "-z", "--stdin")
                .directory(repository.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = git.getOutputStream()) {
            for (Path path : paths) {
                in.write(repository.relativize(path).toString().getBytes(StandardCharsets.UTF_8));
                in.write(0);
            }
        }
        byte[] out = git.getInputStream().readAllBytes();
        int status = git.waitFor();
        assertTrue(status == 0 || status == 1, "git check-ignore: status " + status);
        Set<String> ignored = new TreeSet<>();
        for (String path : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (!path.isEmpty()) {
                ignored.add(path);
            }
        }
        return ignored;
    }

    /** What git says of {@code path}, and which pattern decided. */
    private static String verbose(Path repository, String path) {
        try {
            Process git = new ProcessBuilder("git", "-c", "core.excludesFile=/dev/null", "check-ignore", "--no-index", "-v",
                    "-n", "--", path).directory(repository.toFile()).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            git.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private static void git(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start().waitFor());
    }

    /** Every ignore file of the repository with its lines, for a failure's message. */
    private static String describe(Path repository) {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(repository)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                String name = file.getFileName().toString();
                if (name.equals(".gitignore") || name.equals("exclude")) {
                    text.append(repository.relativize(file)).append(":\n");
                    for (String line : new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n")) {
                        text.append("  [").append(line.replace("\r", "\\r")).append("]\n");
                    }
                }
            }
        } catch (IOException e) {
            text.append(e);
        }
        return text.toString();
    }
}

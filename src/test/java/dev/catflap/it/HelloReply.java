package dev.catflap.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An example server's answer, {@code hello from NAME pid PID}: who served the request. */
record HelloReply(String language, long pid) {
    private static final Pattern HELLO = Pattern.compile("hello from ([\\w-]+) pid (\\d+)\n");

    static HelloReply of(String body) {
        Matcher matcher = HELLO.matcher(body);
        if (!matcher.matches()) {
            throw new AssertionError("not an example's reply: '" + body + "'");
        }
        return new HelloReply(matcher.group(1), Long.parseLong(matcher.group(2)));
    }
}

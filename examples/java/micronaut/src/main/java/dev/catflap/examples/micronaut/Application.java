package dev.catflap.examples.micronaut;

import io.micronaut.runtime.Micronaut;

/**
 * Micronaut on the socket catflap passes as fd 3 (LISTEN_FD=3):
 * {@code catflap -p 8080 -- java -jar target/micronaut-example.jar}. The adoption is all in
 * application.properties.
 */
public final class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

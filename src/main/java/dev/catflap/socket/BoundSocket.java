package dev.catflap.socket;

/**
 * A socket catflap has bound (and, for streams, put in the listening state).
 *
 * @param fd where it is open in catflap now; the launch stage moves it to its final number
 * @param spec what the user asked for
 * @param address where it really is, port 0 resolved, as the listening line shows it
 */
public record BoundSocket(int fd, ListenSpec spec, String address) {
}

package dev.catflap.socket;

/**
 * How a socket carries data, as socket(2)'s type says it: the binder and systemd's Listen
 * directives each switch on it without a default, so a third type (SEQPACKET, say) is refused by
 * the compiler until each has said what it does with it.
 */
public enum SocketType {
    /** Connections, accepted from a listening socket: TCP, a Unix stream socket. */
    STREAM,
    /** Datagrams, read from one bound socket: UDP. */
    DATAGRAM
}

package dev.catflap.socket;

/** What kind of socket a listen spec asks for. */
public enum Transport {
    /** A listening stream socket on an IP address. */
    TCP,
    /** A bound datagram socket on an IP address. */
    UDP,
    /** A listening stream socket on a Unix path or abstract name. */
    UNIX
}

package dev.catflap.socket;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses host addresses. Only IP literals: catflap never looks a name up. */
public final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?");

    private IpLiteral() {
    }

    /**
     * The address written in {@code text}, an IPv4 or IPv6 literal (brackets allowed around IPv6).
     *
     * @throws IllegalArgumentException naming why it is not one
     */
    public static InetAddress parse(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        var ipv4 = IPV4.matcher(literal);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    throw new IllegalArgumentException("not an IP address (each IPv4 part is 0-255)");
                }
            }
            return resolveLiteral(literal);
        }
        if (IPV6.matcher(literal).matches()) {
            return resolveLiteral(literal);
        }
        throw new IllegalArgumentException("not an IP address (catflap takes IPv4 or IPv6 literals, it looks no names up)");
    }

    /** The address as the listening line shows it: IPv6 in brackets, so a port can follow. */
    public static String format(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            return "[" + compress(text) + "]";
        }
        return text;
    }

    /** InetAddress only accepts literals here: both patterns above rule names out. */
    private static InetAddress resolveLiteral(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a valid IPv6 address");
        }
    }

    /** Java writes ::1 as 0:0:0:0:0:0:0:1; users write it the short way (RFC 5952). */
    static String compress(String full) {
        String scope = "";
        int percent = full.indexOf('%');
        if (percent >= 0) {
            scope = full.substring(percent);
            full = full.substring(0, percent);
        }
        String[] parts = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < parts.length; ) {
            int j = i;
            while (j < parts.length && parts[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full + scope;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLength, parts.length));
        return head + "::" + tail + scope;
    }
}

package dev.porthole.plugins.containers.access;

/**
 * Reads and writes IP address literals by hand, byte by byte, so that no text ever reaches {@code InetAddress.getByName}
 * (which resolves anything that is not a literal through DNS). Only ASCII digits count: {@code Character.digit} would
 * accept other scripts' digits.
 */
final class IpLiteral {
    private static final int PORT_MAX = 65_535;

    private IpLiteral() {}

    /**
     * A bare literal, as an admin writes one in a range: a dotted quad without leading zeros ({@code 010} is octal to
     * some parsers, decimal to others, so it is refused), or an IPv6 address with an optional dotted-quad tail. No
     * brackets, port or zone.
     *
     * @return 4 or 16 bytes as written (an IPv4-mapped address stays 16 bytes), or null when it is not a literal
     */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    /**
     * A client address as a server or a proxy writes one: the bare literals of {@link #parse}, or {@code [v6]},
     * {@code [v6]:port}, {@code v4:port} (some proxies add the port to {@code X-Forwarded-For}), and an IPv6 zone
     * ({@code fe80::1%eth0}), which is dropped.
     *
     * @return the address {@linkplain #normalize normalized}, or null when it is not one
     */
    static byte[] parseClient(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        byte[] bytes;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !(rest.startsWith(":") && isPort(rest.substring(1)))) {
                return null;
            }
            bytes = parseV6(withoutZone(s.substring(1, close)));
        } else {
            int first = s.indexOf(':');
            if (first < 0) {
                bytes = parseV4(s);
            } else if (first == s.lastIndexOf(':')) {
                bytes = isPort(s.substring(first + 1)) ? parseV4(s.substring(0, first)) : null;
            } else {
                bytes = parseV6(withoutZone(s));
            }
        }
        return bytes == null ? null : normalize(bytes);
    }

    /** {@return the IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}), else {@code bytes}} */
    static byte[] normalize(byte[] bytes) {
        if (!isMapped(bytes)) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }

    /** {@return whether these 16 bytes are an IPv4-mapped IPv6 address} */
    static boolean isMapped(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** {@return the address in the 128-bit space: an IPv4 address as its IPv4-mapped form} */
    static byte[] to128(byte[] bytes) {
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }

    /** {@return whether the first {@code bits} bits of the two arrays, of one length, are equal} */
    static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[whole] & mask) == (b[whole] & mask);
    }

    /** {@return a copy of {@code bytes} with every bit after the first {@code bits} cleared} */
    static byte[] mask(byte[] bytes, int bits) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] = (byte) (masked[i] & ((0xff << (8 - keep)) & 0xff));
        }
        return masked;
    }

    /** {@return the canonical text: a dotted quad, or RFC 5952 IPv6 (lower case, the longest zero run as ::)} */
    static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = end;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static String withoutZone(String s) {
        int percent = s.indexOf('%');
        return percent < 0 ? s : s.substring(0, percent);
    }

    private static boolean isPort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return false;
        }
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= PORT_MAX;
    }

    private static byte[] parseV4(String s) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i < s.length() && s.charAt(i) != '.') {
                continue;
            }
            if (part == 4) {
                return null;
            }
            int value = decimalOctet(s, start, i);
            if (value < 0) {
                return null;
            }
            bytes[part++] = (byte) value;
            start = i + 1;
        }
        return part == 4 ? bytes : null;
    }

    private static int decimalOctet(String s, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 3 || (length > 1 && s.charAt(start) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    private static byte[] parseV6(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head;
        int[] tail;
        if (gap < 0) {
            head = groups(s, true);
            tail = new int[0];
            if (head == null || head.length != 8) {
                return null;
            }
        } else {
            head = groups(s.substring(0, gap), false);
            tail = groups(s.substring(gap + 2), true);
            if (head == null || tail == null || head.length + tail.length > 7) {
                return null;
            }
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            bytes[2 * i] = (byte) (head[i] >> 8);
            bytes[2 * i + 1] = (byte) head[i];
        }
        int offset = 8 - tail.length;
        for (int i = 0; i < tail.length; i++) {
            bytes[2 * (offset + i)] = (byte) (tail[i] >> 8);
            bytes[2 * (offset + i) + 1] = (byte) tail[i];
        }
        return bytes;
    }

    /** The 16-bit groups of a run like {@code 2001:db8:1}; its last may be a dotted quad, worth two groups. */
    private static int[] groups(String run, boolean mayEndWithIpv4) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] pieces = run.split(":", -1);
        int[] out = new int[pieces.length + 1];
        int count = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (piece.indexOf('.') >= 0) {
                byte[] v4 = i == pieces.length - 1 && mayEndWithIpv4 ? parseV4(piece) : null;
                if (v4 == null) {
                    return null;
                }
                out[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            int value = hexGroup(piece);
            if (value < 0) {
                return null;
            }
            out[count++] = value;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    private static int hexGroup(String piece) {
        if (piece.isEmpty() || piece.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            int digit;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            } else {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}

package dev.porthole.plugins.containers.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A range of IP addresses, such as {@code 10.0.0.0/8} or {@code fe80::/10}: the admin's trusted proxies and local
 * networks are lists of these. It exists so that a range is parsed and checked once, when the admin saves it, with a
 * message that names the bad value, and so that matching never goes near DNS: only literal addresses are read, byte by
 * byte, never a host name.
 *
 * <p>IPv4 lives inside IPv6 as its IPv4-mapped form ({@code ::ffff:10.1.2.3}), as a dual-stack socket reports it: such
 * an address is in {@code 10.0.0.0/8}, and a mapped range ({@code ::ffff:10.0.0.0/104}) is read as the IPv4 range it
 * means ({@code 10.0.0.0/8}).
 *
 * @param network the first address of the range (host bits cleared): an {@code Inet4Address} for an IPv4 range
 * @param prefixLength how many leading bits every address of the range shares: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {
    /**
     * Clears the host bits, so that {@code 10.1.2.3/8} and {@code 10.0.0.0/8} are one range, and turns an IPv4-mapped
     * range into the IPv4 range it means.
     *
     * @throws IllegalArgumentException for a prefix length outside the family's bits
     */
    public Cidr {
        Objects.requireNonNull(network, "network");
        byte[] bytes = network.getAddress();
        int bits = bytes.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("the prefix length of an IPv" + (bits == 32 ? 4 : 6) + " range is 0 to "
                    + bits + ", not " + prefixLength);
        }
        byte[] masked = IpLiteral.mask(bytes, prefixLength);
        if (IpLiteral.isMapped(masked)) { // only when prefixLength >= 96: a shorter prefix clears the ffff
            masked = IpLiteral.normalize(masked);
            prefixLength -= 96;
        }
        network = address(masked);
    }

    /**
     * Reads a range as an admin writes it: {@code address/prefix}, or a bare address meaning just itself ({@code /32}
     * or {@code /128}). Surrounding spaces are ignored; host bits after the prefix are cleared ({@code 10.1.2.3/8} is
     * {@code 10.0.0.0/8}), as {@code ip route} and Go's {@code net.ParseCIDR} read them.
     *
     * @param text e.g. {@code 192.168.0.0/16}, {@code ::1}, {@code fc00::/7}
     * @return the range
     * @throws IllegalArgumentException {@code '10.0.0.0/33' is not a CIDR range: ...}, ready to be prefixed with the
     *     setting's name ({@code trustedProxies[2]: ...}); host names are refused, never looked up
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("null is not a CIDR range");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        String literal = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = IpLiteral.parse(literal);
        if (bytes == null) {
            throw notCidr(text, "'" + literal + "' is not an IPv4 or IPv6 address (host names are not accepted)");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            prefix = prefixLength(s.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw notCidr(text, "the prefix length of an IPv" + (bits == 32 ? 4 : 6) + " range is 0 to " + bits);
            }
        }
        return new Cidr(address6(bytes), prefix);
    }

    /**
     * Reads every range of a setting, naming the first bad one by its index.
     *
     * @param field the setting's name, e.g. {@code trustedProxies}
     * @param texts the ranges as written
     * @return the ranges, in order
     * @throws IllegalArgumentException {@code trustedProxies[2]: '10.0.0.0/33' is not a CIDR range: ...}
     */
    public static List<Cidr> parseAll(String field, List<String> texts) {
        List<Cidr> ranges = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                ranges.add(parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return List.copyOf(ranges);
    }

    /**
     * Whether an address is in the range.
     *
     * @param address a literal address as a server or proxy writes it ({@code 10.1.2.3}, {@code ::ffff:10.1.2.3},
     *     {@code [::1]:443}, {@code fe80::1%eth0}); never looked up
     * @return true when it is in the range; false for anything that is not a literal address
     */
    public boolean contains(String address) {
        byte[] bytes = IpLiteral.parseClient(address);
        return bytes != null && contains(bytes);
    }

    /** Whether a parsed, normalized address (4 or 16 bytes) is in the range. */
    boolean contains(byte[] address) {
        byte[] own = network.getAddress();
        int bits = own.length == 4 ? prefixLength + 96 : prefixLength;
        return IpLiteral.samePrefix(IpLiteral.to128(own), IpLiteral.to128(address), bits);
    }

    /** {@return the range as it is parsed back: {@code 10.0.0.0/8}, {@code fe80::/10}} */
    @Override
    public String toString() {
        return IpLiteral.format(network.getAddress()) + "/" + prefixLength;
    }

    private static int prefixLength(String digits) {
        if (digits.isEmpty() || digits.length() > 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static IllegalArgumentException notCidr(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a CIDR range: " + why);
    }

    /** Keeps 16 bytes an IPv6 address even when mapped, for the constructor to read the prefix length right. */
    private static InetAddress address6(byte[] bytes) {
        if (bytes.length == 4) {
            return address(bytes);
        }
        try {
            return java.net.Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    /** Wraps bytes without any lookup: {@code getByAddress} only checks the length (and unmaps mapped IPv6). */
    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}

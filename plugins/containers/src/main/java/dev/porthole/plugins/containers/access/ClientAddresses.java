package dev.porthole.plugins.containers.access;

import dev.porthole.api.http.Request;
import java.util.List;

/**
 * The one place that decides which address a container request comes from, so that the rate limit and the "local
 * network without signing in" setting can never disagree about it.
 *
 * <p>The TCP peer is the client unless it is one of the admin's trusted proxies. Only then is {@code X-Forwarded-For}
 * read, from right to left (each proxy appends the address it was connected from), skipping trusted proxies: the first
 * address that is not one is the client. What a client writes into the header itself sits to the left of what its
 * proxies appended, so it is reached only through trusted hops, and a spoofed header from an untrusted peer changes
 * nothing. When every hop is trusted, the leftmost is the client.
 *
 * <p>An entry that is not an address ({@code unknown}, a host name, garbage) stops the walk: whoever that hop was, it
 * is unknown, and the client is {@link #UNKNOWN}, which is in no range. Taking the last trusted hop instead (as nginx's
 * realip does) would make an unknown client look like the proxy, which is usually on the local network, and so let it
 * in without signing in; {@code unknown} clients share one rate-limit bucket instead, which errs on the strict side.
 *
 * <p>Addresses are returned in one canonical text form (dotted quad; RFC 5952 IPv6, lower case and shortened; an
 * IPv4-mapped address as its IPv4; no port or zone), so that one client is one rate-limit key however it is written.
 * No text is ever looked up in DNS.
 */
public final class ClientAddresses {
    /** The client when a trusted proxy forwarded a hop that is not an address: in no range, one shared bucket. */
    public static final String UNKNOWN = "unknown";

    /** The header the trusted proxies append to. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    /**
     * What "the local network" means by default: loopback ({@code 127.0.0.0/8}, {@code ::1}), the RFC 1918 private
     * ranges, link-local ({@code 169.254.0.0/16}, {@code fe80::/10}) and IPv6 unique local addresses ({@code fc00::/7}).
     */
    public static final List<String> LOCAL_NETWORKS = List.of(
            "127.0.0.0/8",
            "::1/128",
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "169.254.0.0/16",
            "fe80::/10",
            "fc00::/7");

    private final List<Cidr> trustedProxies;

    /**
     * A resolver that believes {@code X-Forwarded-For} only from these proxies.
     *
     * @param trustedProxies CIDR ranges or bare addresses; empty believes no proxy
     * @throws IllegalArgumentException {@code trustedProxies[2]: '10.0.0.0/33' is not a CIDR range: ...}
     */
    public ClientAddresses(List<String> trustedProxies) {
        this(Cidr.parseAll("trustedProxies", trustedProxies).toArray(Cidr[]::new));
    }

    private ClientAddresses(Cidr[] trustedProxies) {
        this.trustedProxies = List.of(trustedProxies);
    }

    /**
     * A resolver over already parsed ranges.
     *
     * @param trustedProxies the proxies whose {@code X-Forwarded-For} is believed
     * @return the resolver
     */
    public static ClientAddresses trusting(List<Cidr> trustedProxies) {
        return new ClientAddresses(trustedProxies.toArray(Cidr[]::new));
    }

    /**
     * Reads one range of a setting, to check it; see {@link Cidr#parse}.
     *
     * @param text e.g. {@code 10.0.0.0/8} or a bare address
     * @return the range
     * @throws IllegalArgumentException {@code '10.0.0.0/33' is not a CIDR range: ...}
     */
    public static Cidr range(String text) {
        return Cidr.parse(text);
    }

    /** {@return the trusted proxies, as parsed} */
    public List<Cidr> trustedProxies() {
        return trustedProxies;
    }

    /**
     * The client of a request: the TCP peer, or what the trusted proxies in front of it say.
     *
     * <p>Every {@code X-Forwarded-For} line is read, joined as HTTP allows: a proxy that adds its own line instead of
     * appending to the client's would otherwise leave the client's own line as the whole story.
     *
     * @param request the request
     * @return the client's address in canonical form, {@link #UNKNOWN}, or the peer as the server wrote it when that is
     *     not an address
     */
    public String resolve(Request request) {
        return resolve(request.remoteAddress(), forwardedFor(request.headers(FORWARDED_FOR)));
    }

    private static String forwardedFor(List<String> lines) {
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    /**
     * The client, from the parts of a request.
     *
     * @param remoteAddress the TCP peer as the server saw it, e.g. {@code 127.0.0.1} or {@code 0:0:0:0:0:0:0:1}
     * @param forwardedFor the {@code X-Forwarded-For} value (several lines joined with commas, in order), or null
     * @return the client's address in canonical form, {@link #UNKNOWN}, or the peer as the server wrote it when that is
     *     not an address (then it is in no range)
     */
    public String resolve(String remoteAddress, String forwardedFor) {
        byte[] peer = IpLiteral.parseClient(remoteAddress);
        if (peer == null) {
            return remoteAddress == null || remoteAddress.isBlank() ? UNKNOWN : remoteAddress.strip();
        }
        if (forwardedFor == null || !isTrusted(peer)) {
            return IpLiteral.format(peer);
        }
        byte[] client = peer;
        String[] hops = forwardedFor.split(",", -1);
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue; // HTTP lists may hold empty elements; recipients ignore them
            }
            byte[] address = IpLiteral.parseClient(hop);
            if (address == null) {
                return UNKNOWN;
            }
            client = address;
            if (!isTrusted(address)) {
                break;
            }
        }
        return IpLiteral.format(client);
    }

    /**
     * Whether an address is one of the trusted proxies.
     *
     * @param address a literal address; anything else is not trusted
     * @return true when it is in one of the trusted ranges
     */
    public boolean isTrustedProxy(String address) {
        byte[] bytes = IpLiteral.parseClient(address);
        return bytes != null && isTrusted(bytes);
    }

    /**
     * Whether an address is in one of some ranges, as the admin wrote them.
     *
     * @param address a literal address, usually what {@link #resolve} returned; anything else is in no range
     * @param ranges CIDR ranges or bare addresses, already checked with {@link Cidr#parseAll}
     * @return true when it is in one of them
     * @throws IllegalArgumentException when a range does not parse
     */
    public static boolean within(String address, List<String> ranges) {
        return isWithin(address, Cidr.parseAll("ranges", ranges));
    }

    /**
     * Whether an address is in one of some ranges.
     *
     * @param address a literal address; anything else ({@link #UNKNOWN}, a host name) is in no range
     * @param ranges the ranges
     * @return true when it is in one of them
     */
    public static boolean isWithin(String address, List<Cidr> ranges) {
        byte[] bytes = IpLiteral.parseClient(address);
        return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    private boolean isTrusted(byte[] address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    @Override
    public String toString() {
        return "ClientAddresses[trustedProxies=" + trustedProxies + "]";
    }
}

package dev.porthole.plugins.tunnels.relay;

import dev.porthole.plugins.tunnels.run.Mode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The first message of a client relay, as Termix's desktop client sends it: {@code type} {@code open} or {@code test},
 * the tunnel's {@code tunnelConfig} (of which the host, mode, ports and addresses are read; credentials never are), and
 * for a local or dynamic connection the {@code targetHost} and {@code targetPort} it is for.
 *
 * @param test whether it only checks that the tunnel could work
 * @param target where the SSH host connects, for local and dynamic; empty for remote and for a dynamic test
 * @param listenHost where a remote tunnel listens on the SSH host: the tunnel's {@code targetHost}, as Termix reads it
 * @param sourcePort the port a remote tunnel listens on
 */
record RelayRequest(
        boolean test, long sourceHostId, Mode mode, Optional<Target> target, String listenHost, int sourcePort) {

    static final String INVALID = "Invalid client tunnel relay request";

    /** A destination as the SSH host resolves it. */
    record Target(String host, int port) {}

    /** Names and addresses a TCP destination may be given by; nothing else reaches the SSH server. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:\\-\\[\\]%]{1,253}");

    private static final String LOOPBACK = "127.0.0.1";

    /** A message that cannot start a relay; its text is what the client is told. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    static RelayRequest parse(Object message) {
        if (!(message instanceof Map<?, ?> root)) {
            throw new Refused(INVALID);
        }
        Object type = root.get("type");
        if (!"open".equals(type) && !"test".equals(type)) {
            throw new Refused(INVALID);
        }
        boolean test = "test".equals(type);
        Map<?, ?> config = root.get("tunnelConfig") instanceof Map<?, ?> map ? map : Map.of();
        long hostId = number(config.get("sourceHostId"))
                .filter(id -> id > 0)
                .orElseThrow(() -> new Refused("Endpoint SSH host is required"));
        Mode mode = mode(config);
        String listenHost = text(config.get("targetHost")).orElse(LOOPBACK);
        int sourcePort = number(config.get("sourcePort")).orElse(0L).intValue();
        Optional<Target> target =
                switch (mode) {
                    case LOCAL ->
                        Optional.of(target(
                                text(root.get("targetHost"))
                                        .or(() -> text(config.get("targetHost")))
                                        .orElse(LOOPBACK),
                                number(root.get("targetPort")).or(() -> number(config.get("endpointPort")))));
                    case DYNAMIC ->
                        test
                                ? Optional.empty()
                                : Optional.of(target(
                                        text(root.get("targetHost"))
                                                .orElseThrow(() ->
                                                        new Refused("Invalid client tunnel target: no targetHost")),
                                        number(root.get("targetPort"))));
                    case REMOTE -> Optional.empty();
                };
        if (mode == Mode.REMOTE) {
            address(listenHost, "targetHost");
            port(Optional.of((long) sourcePort), "sourcePort");
        }
        return new RelayRequest(test, hostId, mode, target, listenHost, sourcePort);
    }

    private static Mode mode(Map<?, ?> config) {
        String mode = text(config.get("mode"))
                .or(() -> text(config.get("tunnelType")))
                .orElse("local");
        try {
            return Mode.of(mode);
        } catch (IllegalArgumentException e) {
            throw new Refused("Invalid client tunnel mode '" + mode + "': use local, remote or dynamic");
        }
    }

    private static Target target(String host, Optional<Long> port) {
        return new Target(address(host, "targetHost"), port(port, "targetPort"));
    }

    private static String address(String host, String field) {
        if (!ADDRESS.matcher(host).matches()) {
            throw new Refused("Invalid client tunnel target: " + field + " is not a host name or address");
        }
        return host;
    }

    private static int port(Optional<Long> port, String field) {
        long value = port.orElse(0L);
        if (value < 1 || value > 65535) {
            throw new Refused("Invalid client tunnel target: " + field + " must be a port from 1 to 65535");
        }
        return (int) value;
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s.trim()) : Optional.empty();
    }

    /** A whole number, also when a client sent it as a string ({@code "22"}). */
    private static Optional<Long> number(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(n.longValue());
        }
        if (value instanceof String s && s.trim().matches("\\d{1,18}")) {
            return Optional.of(Long.parseLong(s.trim()));
        }
        return Optional.empty();
    }
}

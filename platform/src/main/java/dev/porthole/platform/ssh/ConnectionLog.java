package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stages of one connect, each with its timing and outcome, as {@code POST /api/hosts/{id}/test} shows them.
 * Written by the connecting thread; thread-safe for the test endpoint's reader.
 */
final class ConnectionLog {

    /** A connect's stages, in order; a connection through jump hosts repeats them per hop. */
    enum Stage {
        DNS,
        TCP,
        PROXY,
        HANDSHAKE,
        HOST_KEY,
        AUTHENTICATION;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One stage of one hop.
     *
     * @param hostId the inventory host of the hop
     * @param outcome ok or failed
     * @param code for a failed stage, the code of the failure
     */
    @Serdeable
    record Entry(
            String stage,
            long hostId,
            String outcome,
            long durationMs,
            String message,
            @Nullable String code) {}

    private final List<Entry> entries = new ArrayList<>();
    private OfferedKey hostKey;
    private long hostKeyOf;
    private List<String> authMethods = List.of();

    /** The key the latest hop offered; the target's once the connect got that far. */
    synchronized void hostKey(long hostId, OfferedKey key) {
        this.hostKey = key;
        this.hostKeyOf = hostId;
    }

    synchronized java.util.Optional<OfferedKey> hostKey() {
        return java.util.Optional.ofNullable(hostKey);
    }

    synchronized long hostKeyOf() {
        return hostKeyOf;
    }

    /** The methods the latest hop's server offered. */
    synchronized void authMethods(List<String> methods) {
        this.authMethods = List.copyOf(methods);
    }

    synchronized List<String> authMethods() {
        return authMethods;
    }

    synchronized void ok(Stage stage, long hostId, long startNanos, String message) {
        entries.add(new Entry(stage.wire(), hostId, "ok", millisSince(startNanos), message, null));
    }

    synchronized void failed(Stage stage, long hostId, long startNanos, SshException failure) {
        entries.add(new Entry(
                stage.wire(),
                hostId,
                "failed",
                millisSince(startNanos),
                failure.getMessage(),
                failure.code().name()));
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The first failed entry, if one failed. */
    synchronized Entry failure() {
        return entries.stream()
                .filter(e -> e.outcome().equals("failed"))
                .findFirst()
                .orElse(null);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.Optional;

/**
 * A host key that was refused, on the connection's hop to {@code hostId} (the target or one of its jump hosts).
 * Fingerprints are OpenSSH's {@code SHA256:...}.
 *
 * @param knownFingerprint the stored key, for a changed key; empty for an unknown one
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record HostKeyRefusal(
        long hostId, String algorithm, String offeredFingerprint, Optional<String> knownFingerprint) {}

package dev.porthole.platform.ssh;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code POST /api/hosts/{id}/test}.
 *
 * @param hostKey the key the target offered, when the connection got that far
 * @param authMethods what the target's server offered, when it got that far
 * @param failure the failed stage and its code, when {@code success} is false
 */
@Serdeable
record ConnectionTestResult(
        boolean success,
        List<ConnectionLog.Entry> log,
        @Nullable HostKey hostKey,
        List<String> authMethods,
        @Nullable Failure failure) {

    @Serdeable
    record HostKey(String algorithm, String fingerprint) {}

    /**
     * @param knownFingerprint for HOST_KEY_CHANGED, the stored key's
     * @param offeredFingerprint for HOST_KEY_CHANGED and HOST_KEY_UNKNOWN, the key the server offered
     */
    @Serdeable
    record Failure(
            String stage,
            String code,
            String message,
            @Nullable String knownFingerprint,
            @Nullable String offeredFingerprint) {}
}

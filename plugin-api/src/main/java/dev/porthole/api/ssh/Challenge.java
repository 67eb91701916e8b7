package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A login step that needs a person: the server asked something the host cannot answer from stored credentials. The
 * login waits, held open, until {@link SshConnections#answer} is called with one answer per prompt or the challenge
 * expires (TOTP and other prompts after 3 minutes, Warpgate after 5). Only the user who started it may answer it.
 *
 * @param id unguessable; pass it back to {@link SshConnections#answer}
 * @param prompts the server's prompts, in order
 * @param instruction the server's instruction text, possibly empty
 * @param url for Warpgate: the page where the user approves the login
 * @param securityKey for Warpgate: the key the page shows, to compare
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record Challenge(
        String id,
        Kind kind,
        long hostId,
        List<Prompt> prompts,
        String instruction,
        Optional<String> url,
        Optional<String> securityKey,
        Instant expiresAt) {

    /**
     * Copies the prompts.
     *
     * @param id unguessable
     * @param kind what the person must do
     * @param hostId the host being logged in to
     * @param prompts the server's prompts, copied
     * @param instruction the server's instruction text
     * @param url Warpgate's approval page
     * @param securityKey Warpgate's key to compare
     * @param expiresAt when the login gives up
     */
    public Challenge {
        prompts = List.copyOf(prompts);
    }

    /** What kind of person-step it is. */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    public enum Kind {
        /** A one-time code, e.g. "Verification code:". */
        TOTP,
        /** Warpgate's browser approval: open {@code url}, check {@code securityKey}, then answer (any text). */
        WARPGATE,
        /** Any other question. */
        PROMPT
    }

    /**
     * One question of the server.
     *
     * @param echo whether the answer may be shown as it is typed
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    public record Prompt(String text, boolean echo) {}
}

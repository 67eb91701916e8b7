package dev.porthole.platform.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;

/**
 * The SSH layer ({@code porthole.ssh}).
 *
 * @param maxSessionsPerConnection channels open at once on one connection; OpenSSH's MaxSessions defaults to 10, and
 *     a server refuses the channel past it, so another connection is opened instead
 * @param idleTimeout a pooled connection with no open channel or forward is closed after this long
 * @param connectTimeout TCP connect plus the SSH handshake, per hop
 * @param authTimeout a login, per hop (a pending challenge has its own, longer limit)
 * @param keepaliveInterval how often an idle connection is probed, so that a dead one is noticed and replaced
 * @param execTimeout the default limit of one exec
 * @param execOutputLimit the default bytes of stdout and of stderr each that an exec keeps
 * @param challengeTimeout how long a login waits for a person to answer a TOTP or other prompt
 * @param warpgateTimeout how long a login waits for a person to approve a Warpgate login in the browser
 * @param ciphers the ciphers the client offers, by MINA/OpenSSH name in preference order; empty: MINA's defaults
 */
@ConfigurationProperties("porthole.ssh")
public record SshConfiguration(
        @Bindable(defaultValue = "10") @Positive int maxSessionsPerConnection,
        @Bindable(defaultValue = "5m") Duration idleTimeout,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "30s") Duration authTimeout,
        @Bindable(defaultValue = "30s") Duration keepaliveInterval,
        @Bindable(defaultValue = "60s") Duration execTimeout,
        @Bindable(defaultValue = "1048576") @Positive int execOutputLimit,
        @Bindable(defaultValue = "3m") Duration challengeTimeout,
        @Bindable(defaultValue = "5m") Duration warpgateTimeout,
        @Nullable List<String> ciphers) {

    /** Absent is empty; blank entries (a trailing comma) are dropped. */
    public SshConfiguration {
        ciphers = ciphers == null
                ? List.of()
                : ciphers.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
    }
}

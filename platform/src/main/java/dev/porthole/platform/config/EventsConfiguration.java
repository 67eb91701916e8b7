package dev.porthole.platform.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * The events hub ({@code /api/events}).
 *
 * @param queueSize events held for one connection that has not read them yet; beyond it the oldest are dropped
 * @param maxTopicsPerConnection topics one WebSocket or SSE connection may subscribe to
 * @param heartbeat how often an idle SSE stream gets a comment, so that proxies keep it open
 */
@ConfigurationProperties("porthole.events")
public record EventsConfiguration(
        @Bindable(defaultValue = "256") @Positive int queueSize,
        @Bindable(defaultValue = "100") @Positive int maxTopicsPerConnection,
        @Bindable(defaultValue = "15s") Duration heartbeat) {}

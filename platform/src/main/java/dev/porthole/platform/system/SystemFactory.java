package dev.porthole.platform.system;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
class SystemFactory {
    /** Every "now" in the host comes from this clock, so tests can move time. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

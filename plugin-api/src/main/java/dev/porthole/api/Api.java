package dev.porthole.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public type of the plugin API with the version it first appeared in and how far it can be relied on. Every
 * public type of {@code dev.porthole.api} carries it (a test checks).
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Api {
    /** {@return the plugin-api version this type or member first appeared in} */
    String since();

    /** {@return whether it may still change} */
    Stability stability();

    /** How far a part of the API can be relied on. */
    @Api(since = "0.1.0", stability = Stability.STABLE)
    enum Stability {
        /** Changes only compatibly within a major version; the binary-compatibility check guards it. */
        STABLE,
        /** May change or go away in a minor version; use it knowing that. */
        EXPERIMENTAL
    }
}

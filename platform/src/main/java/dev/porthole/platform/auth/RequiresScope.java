package dev.porthole.platform.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an API token needs for this route, e.g. {@code write:hosts}. Login sessions hold every scope; their
 * role still applies. Checked by {@link ScopeSecurityRule} before the route runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface RequiresScope {
    String value();
}

/**
 * The Porthole plugin test harness: {@link dev.porthole.test.WithPorthole} on a JUnit 5 test class starts a real
 * platform in the test's JVM with the plugin under test installed from its build output, and hands the test a
 * {@link dev.porthole.test.Porthole} client.
 *
 * <p>Part of the plugin SDK, like {@code dev.porthole.api}: every public type is marked with {@link dev.porthole.api.Api}
 * and only JDK and JUnit types appear in it, so no framework version of the host leaks into a plugin's tests.
 *
 * @since 0.2.0
 */
package dev.porthole.test;

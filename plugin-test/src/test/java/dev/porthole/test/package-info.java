/**
 * Tests of the harness against the plugin in {@code src/test-plugin}, which Maven builds into {@code
 * target/test-plugin/classes} and also puts on the test class path, as a plugin project's {@code target/classes} is.
 */
package dev.porthole.test;

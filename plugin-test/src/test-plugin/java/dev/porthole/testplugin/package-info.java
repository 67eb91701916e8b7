/**
 * The plugin under test of the harness's own tests, built into {@code target/test-plugin/classes} as a plugin project
 * builds into {@code target/classes}: it reports which class loader runs it, keeps notes in its own table, streams a
 * greeting and runs a job. It publishes a service interface, {@link dev.porthole.testplugin.Greeter}, which a plugin
 * that depends on it implements.
 */
package dev.porthole.testplugin;

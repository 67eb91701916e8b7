/**
 * The Porthole plugin API: the only types a plugin compiles against.
 *
 * <p>A plugin implements {@link dev.porthole.api.PortholePlugin} and registers routes, streams and jobs through the
 * {@link dev.porthole.api.PluginContext} it is started with. Every public type is marked with {@link dev.porthole.api.Api}:
 * the version it appeared in and whether it is stable.
 *
 * <p>Free of framework types by rule (ArchUnit-tested): it depends on PF4J, SLF4J, Reactive Streams and the JDK only.
 *
 * @since 0.1.0
 */
package dev.porthole.api;

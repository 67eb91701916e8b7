/**
 * The Porthole plugin API: the only types a plugin compiles against.
 *
 * <p>Free of framework types by rule (ArchUnit-tested): it depends on PF4J, SLF4J, Reactive Streams and the JDK only.
 *
 * @since 0.1.0
 */
package dev.porthole.api;

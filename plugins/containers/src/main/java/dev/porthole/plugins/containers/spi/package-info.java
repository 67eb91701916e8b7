/**
 * The container runtime SPI: what a runtime plugin (docker-runtime, kubernetes-runtime) implements so that the
 * containers plugin can serve its environments. Plain Java and plugin-api types only, no framework or client-library
 * type: a runtime plugin declares {@code containers} as a PF4J plugin dependency and marks its {@link
 * dev.porthole.plugins.containers.spi.ContainerRuntime} with {@code @org.pf4j.Extension}.
 */
package dev.porthole.plugins.containers.spi;

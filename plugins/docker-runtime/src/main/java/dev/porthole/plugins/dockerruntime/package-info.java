/**
 * The docker-runtime plugin, {@link dev.porthole.plugins.dockerruntime.DockerRuntimePlugin}: the containers plugin's
 * {@code docker} runtime, on the local Docker socket or on inventory hosts over SSH. Built on plugin-api, the
 * containers plugin's SPI and the shared Docker Engine library, nothing else of another plugin.
 */
package dev.porthole.plugins.dockerruntime;

/**
 * One Docker daemon behind the runtime SPI ({@link dev.porthole.plugins.dockerruntime.docker.DockerEndpoint}) and the
 * pure pieces that turn the Engine API's documents into the SPI's values: states, the container list, stats, events
 * and failures.
 */
package dev.porthole.plugins.dockerruntime.docker;

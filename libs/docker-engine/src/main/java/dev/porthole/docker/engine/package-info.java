/**
 * The Docker Engine API of one daemon as the plugins use it: docker-java's typed client and plain JSON requests over
 * one transport ({@link dev.porthole.docker.engine.DockerEngine}), and the Docker CLI's arithmetic on the Engine's
 * stats document ({@link dev.porthole.docker.engine.DockerStatsMath}).
 */
package dev.porthole.docker.engine;

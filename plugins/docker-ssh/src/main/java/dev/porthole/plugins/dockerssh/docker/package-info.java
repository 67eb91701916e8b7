/**
 * The container operations of spec 000 on one Docker host, as Docker Engine API calls through docker-java: list,
 * inspect, start/stop/restart/pause/unpause, remove, logs, stats, and the availability check. Values are records whose
 * JSON fields are the spec's; failures are {@link dev.porthole.api.http.HttpError}s carrying the spec's error body.
 */
package dev.porthole.plugins.dockerssh.docker;

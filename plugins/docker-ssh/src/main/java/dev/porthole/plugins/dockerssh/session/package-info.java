/**
 * Spec 000's SSH sessions: the {@code /docker/ssh/...} routes, the registry of sessions keyed by the client's
 * {@code sessionId} and owned by the user who connected, and the bridge from plugin-api's {@code SshStream} to the
 * transport's {@code DuplexStream}, so each session speaks the Docker Engine API over {@code docker system
 * dial-stdio} on the host's pooled SSH connection.
 */
package dev.porthole.plugins.dockerssh.session;

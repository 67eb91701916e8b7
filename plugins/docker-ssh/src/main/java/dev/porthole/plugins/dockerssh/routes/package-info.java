/**
 * Spec 000's container routes ({@code /docker/validate/...}, {@code /docker/containers/...}) on plugin-api's
 * {@link dev.porthole.api.PluginContext#route}. Which host a session id reaches is the business of a {@link
 * dev.porthole.plugins.dockerssh.routes.DockerSessions}, which the session package provides.
 */
package dev.porthole.plugins.dockerssh.routes;

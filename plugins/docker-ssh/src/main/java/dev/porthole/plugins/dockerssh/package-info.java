/**
 * The docker-ssh plugin's entry point, {@link dev.porthole.plugins.dockerssh.DockerSshPlugin}: spec 000's Docker over
 * SSH, built only on plugin-api.
 */
package dev.porthole.plugins.dockerssh;

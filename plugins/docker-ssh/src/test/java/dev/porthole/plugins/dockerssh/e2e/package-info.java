/**
 * End-to-end tests: a real Porthole with the plugin installed ({@code @WithPorthole}), hosts created through the
 * platform's API, the real test sshd and the real dockerd of {@code scripts/testenv}.
 */
package dev.porthole.plugins.dockerssh.e2e;

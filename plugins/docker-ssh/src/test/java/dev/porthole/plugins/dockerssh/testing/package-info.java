/**
 * Test support: a local {@code docker system dial-stdio} process as the stream opener (what the SSH service runs on
 * the remote host), and the guard that skips Docker tests without a daemon, or fails them when end-to-end tests are
 * required ({@code PORTHOLE_REQUIRE_E2E=1}).
 */
package dev.porthole.plugins.dockerssh.testing;

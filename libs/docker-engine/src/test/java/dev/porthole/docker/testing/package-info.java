/**
 * Test support, shared with the plugins' tests as this module's test jar: a local {@code docker system dial-stdio}
 * process as the stream opener, what the SSH service runs on a remote host.
 */
package dev.porthole.docker.testing;

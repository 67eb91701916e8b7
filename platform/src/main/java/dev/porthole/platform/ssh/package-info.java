/**
 * SSH, once, in the host (Apache MINA SSHD): pooled connections per host, user and credential with channels
 * multiplexed on them; password, key and keyboard-interactive logins with pending challenges; host keys verified on
 * every hop against the database; jump hosts; the host-key and connection-test API. Plugins reach it through
 * {@link dev.porthole.api.ssh.SshConnections}; no MINA type leaves this package.
 */
package dev.porthole.platform.ssh;

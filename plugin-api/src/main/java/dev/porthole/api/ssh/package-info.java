/**
 * SSH to the hosts of the inventory, through the host's one pooled SSH layer: exec, streams, forwards, and the
 * pending challenges of keyboard-interactive logins. Everything here is blocking; call it from a handler or from the
 * plugin's executor.
 *
 * @since 0.2.0
 */
package dev.porthole.api.ssh;

/** Spec 004's socket: log streams and the notifications of the caller's operations. */
package dev.porthole.plugins.containers.logs;

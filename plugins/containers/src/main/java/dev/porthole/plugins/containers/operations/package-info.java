/** Spec 004's asynchronous lifecycle: operations, their outcome on the requester's sockets and the events hub. */
package dev.porthole.plugins.containers.operations;

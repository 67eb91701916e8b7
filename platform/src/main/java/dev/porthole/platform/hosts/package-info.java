/**
 * The host inventory: hosts with sealed credentials, SOCKS5 proxy chains, jump hosts, tunnel definitions and tags;
 * ownership and sharing (view, use, manage); the access check every plugin route asks.
 */
package dev.porthole.platform.hosts;

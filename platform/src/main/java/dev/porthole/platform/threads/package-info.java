/**
 * The threads the host creates. Libraries and the JDK start many of their threads lazily, on whatever thread first
 * needs one, and a new thread inherits its creator's context class loader and access-control context: created while
 * a plugin's code is on the stack, a host thread would keep that plugin's class loader alive for as long as it runs.
 * Every host thread is therefore made here, with the host's loader and none of the caller's protection domains.
 */
package dev.porthole.platform.threads;

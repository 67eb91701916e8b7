/**
 * Serving what plugins register: a copy-on-write route registry, one catch-all controller for HTTP and SSE, one
 * catch-all WebSocket endpoint, and one security rule that enforces each route's access before plugin code runs.
 */
package dev.porthole.platform.dispatch;

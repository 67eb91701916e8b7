/**
 * Routes, server-sent event streams and WebSockets a plugin serves, and the request and response types they use.
 *
 * @since 0.1.0
 */
package dev.porthole.api.http;

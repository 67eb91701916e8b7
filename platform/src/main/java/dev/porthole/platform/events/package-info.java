/**
 * The events hub: plugins publish to topics ({@code <pluginId>/<name>}), clients subscribe over a WebSocket
 * ({@code /api/events}) or an SSE stream ({@code /api/events/stream}). Publishing never waits for a client; each
 * connection has a bounded queue that drops its oldest events, and says how many, when the client falls behind.
 */
package dev.porthole.platform.events;

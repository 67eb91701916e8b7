/**
 * The events hub: plugins publish, WebSocket and SSE clients subscribe.
 *
 * @since 0.1.0
 */
package dev.porthole.api.events;

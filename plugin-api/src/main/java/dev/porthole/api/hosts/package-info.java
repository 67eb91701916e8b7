/**
 * The host inventory as plugins see it: no secrets, the caller's access checked on every lookup.
 *
 * @since 0.1.0
 */
package dev.porthole.api.hosts;

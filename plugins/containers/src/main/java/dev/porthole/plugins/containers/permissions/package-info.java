/** Per-user, per-environment, per-action permissions (spec 003), stored in the plugin's table. */
package dev.porthole.plugins.containers.permissions;

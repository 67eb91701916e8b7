/** The admin's settings of the plugin: who may call without signing in, and whose forwarding headers count. */
package dev.porthole.plugins.containers.settings;

/** The host's configuration records, and the plugins' settings read from the same configuration. */
package dev.porthole.platform.config;

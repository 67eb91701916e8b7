/** The host's configuration records. */
package dev.porthole.platform.config;

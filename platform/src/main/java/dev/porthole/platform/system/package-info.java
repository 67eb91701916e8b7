/** The host about itself: version, clock. {@code /health} answers UP while the database does. */
package dev.porthole.platform.system;

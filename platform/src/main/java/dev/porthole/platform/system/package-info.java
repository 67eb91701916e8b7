/** The host about itself: version, clock. Health is Micronaut's {@code /health}. */
package dev.porthole.platform.system;

/** The spec's error codes and the two shapes errors leave in: spec 004's {@code error} and {@code code}, spec 003's {@code error}. */
package dev.porthole.plugins.containers.errors;

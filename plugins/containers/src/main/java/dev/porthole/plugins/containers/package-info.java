/**
 * The containers plugin (specs 003 and 004): container APIs over environments, served by runtime plugins through the
 * {@link dev.porthole.plugins.containers.spi} extension point.
 */
package dev.porthole.plugins.containers;

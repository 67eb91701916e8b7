/**
 * The plugin manager: PF4J loads plugin jars and zips from the plugins directory; each plugin runs on its own
 * executor with a context that records what it registers, so that disabling or removing it withdraws all of it.
 */
package dev.porthole.platform.plugins;

/** Work spread over the plugin's executor without starving it. */
package dev.porthole.plugins.containers.work;

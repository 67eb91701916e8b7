/** What a container's inspect document shows to a caller who may not see its secrets. */
package dev.porthole.plugins.containers.inspect;

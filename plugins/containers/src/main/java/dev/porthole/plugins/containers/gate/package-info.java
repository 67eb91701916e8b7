/** The gate of every container route: who the caller is, the rate limit, and the scope the route needs. */
package dev.porthole.plugins.containers.gate;

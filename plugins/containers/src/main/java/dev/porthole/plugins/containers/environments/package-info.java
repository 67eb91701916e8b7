/** Environments (spec 003's {@code env}): container endpoints admins set up, their runtimes and their health. */
package dev.porthole.plugins.containers.environments;

/** The admin's routes: environments, their permissions, and the access settings. */
package dev.porthole.plugins.containers.admin;

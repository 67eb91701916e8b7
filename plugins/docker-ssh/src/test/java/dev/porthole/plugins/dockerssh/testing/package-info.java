/** Test support: stand-ins for host services the code under test must not call. */
package dev.porthole.plugins.dockerssh.testing;

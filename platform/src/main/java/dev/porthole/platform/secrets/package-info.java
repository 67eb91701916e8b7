/** Secrets at rest: the master key file, AES-256-GCM sealing, and the start-up check that the key fits the data. */
package dev.porthole.platform.secrets;

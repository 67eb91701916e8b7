/** Logging set-up. Nothing that logs may print a secret or a request body. */
package dev.porthole.platform.logging;

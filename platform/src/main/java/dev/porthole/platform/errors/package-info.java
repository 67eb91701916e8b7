/** Errors as {@code application/problem+json}, for the host's own failures and the framework's. */
package dev.porthole.platform.errors;

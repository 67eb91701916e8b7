/**
 * How the harness works: the platform started in a class loader of its own, the plugin packed from its build output,
 * JSON and multipart plumbing. Not part of the SDK: these types change without notice; use {@link dev.porthole.test}.
 */
package dev.porthole.test.internal;

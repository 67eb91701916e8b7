/**
 * Who is calling and what they may do: login sessions (JWT in the body and the {@code jwt} cookie), their
 * revocation, brute-force throttling, and the scope rule every route's {@link dev.porthole.platform.auth.RequiresScope}
 * is checked against.
 */
package dev.porthole.platform.auth;

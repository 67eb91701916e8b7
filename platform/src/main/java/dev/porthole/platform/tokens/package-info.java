/** Named, scoped API tokens: {@code /api/tokens} and the bearer-token validator that accepts them. */
package dev.porthole.platform.tokens;

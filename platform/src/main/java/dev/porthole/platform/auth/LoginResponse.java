package dev.porthole.platform.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The body of a successful login; the same token is also set as the {@code jwt} cookie. */
@Serdeable
record LoginResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") int expiresIn,
        String username,
        String role) {}

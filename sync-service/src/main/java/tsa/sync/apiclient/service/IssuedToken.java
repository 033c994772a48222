package tsa.sync.apiclient.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The token response of RFC 6749 section 5.1. */
public record IssuedToken(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("scope") String scope) {}

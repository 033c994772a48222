package tsa.sync.apiclient.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The token response of RFC 6749 section 5.1. */
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record IssuedToken(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("scope") String scope) {}

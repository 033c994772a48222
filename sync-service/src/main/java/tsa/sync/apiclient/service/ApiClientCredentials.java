package tsa.sync.apiclient.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A client as admins see it; {@code clientSecret} is set only in the answer to its creation, and never stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record ApiClientCredentials(
        String clientId, String clientSecret, String name, List<String> scopes, boolean enabled, Instant createdAt) {}

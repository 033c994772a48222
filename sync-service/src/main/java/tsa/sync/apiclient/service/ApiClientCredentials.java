package tsa.sync.apiclient.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A client as admins see it; {@code clientSecret} is set only in the answer to its creation, and never stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiClientCredentials(
        String clientId, String clientSecret, String name, List<String> scopes, boolean enabled, Instant createdAt) {}

package tsa.sync.log.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's {@code ProfileChangeReceipt}: the row that records the change. */
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record ProfileChangeReceipt(String syncId, String coachId, long version, String syncStatus) {}

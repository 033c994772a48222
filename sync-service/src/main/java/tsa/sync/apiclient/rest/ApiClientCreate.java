package tsa.sync.apiclient.rest;

import java.util.List;

/** Body of {@code POST /api/sync/api-clients}. */
public record ApiClientCreate(String name, List<String> scopes) {}

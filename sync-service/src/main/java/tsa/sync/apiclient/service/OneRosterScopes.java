package tsa.sync.apiclient.service;

import java.util.List;
import java.util.Set;

/** The OneRoster 1.2 Rostering scopes (the official OpenAPI document's OAuth2CC scheme). */
public final class OneRosterScopes {

    public static final String ROSTER_READ = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";
    public static final String CORE_READ = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    public static final String DEMOGRAPHICS_READ =
            "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly";

    public static final List<String> ALL = List.of(ROSTER_READ, CORE_READ, DEMOGRAPHICS_READ);

    /** What the document's security requirement names for the core collections (orgs, schools, users, ...). */
    public static final Set<String> CORE_ENDPOINTS = Set.of(ROSTER_READ, CORE_READ);

    private OneRosterScopes() {}
}

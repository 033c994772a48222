package tsa.sync.apiclient.service;

import java.util.List;
import java.util.Set;

/**
 * The scopes of the Ed-Fi resources. Ed-Fi itself authorises by claim sets, which an OAuth client cannot name; this
 * project gives API clients two scope values instead, stored with the OneRoster ones in the client's allowed scopes.
 */
public final class EdFiScopes {

    public static final String DATA_READ = "urn:tsa:edfi:data.readonly";
    public static final String DATA_WRITE = "urn:tsa:edfi:data";

    public static final List<String> ALL = List.of(DATA_READ, DATA_WRITE);

    /** A write scope reads as well. */
    public static final Set<String> READERS = Set.of(DATA_READ, DATA_WRITE);

    public static final Set<String> WRITERS = Set.of(DATA_WRITE);

    private EdFiScopes() {}
}

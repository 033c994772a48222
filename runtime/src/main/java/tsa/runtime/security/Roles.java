package tsa.runtime.security;

/** The roles a token's {@code groups} claim carries (architecture.md, "Identity and access"). */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String COACH = "coach";
    public static final String PARENT = "parent";
    /** Another TSA service; honoured only on a token signed with that service's own key. */
    public static final String SERVICE = "service";

    private Roles() {}
}

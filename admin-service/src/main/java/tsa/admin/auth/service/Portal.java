package tsa.admin.auth.service;

import java.util.Arrays;
import java.util.Optional;
import tsa.runtime.security.Roles;

/** The three portals; a session's role follows the portal its link was asked for. */
public enum Portal {
    ADMIN("admin", Roles.ADMIN),
    COACH("coach", Roles.COACH),
    PARENT("parent", Roles.PARENT);

    private final String value;
    private final String role;

    Portal(String value, String role) {
        this.value = value;
        this.role = role;
    }

    public String value() {
        return value;
    }

    public String role() {
        return role;
    }

    public static Optional<Portal> of(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }
}

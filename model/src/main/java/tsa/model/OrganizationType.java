package tsa.model;

import java.util.Locale;

/** Values of {@code organizations.type}, stored in lower case. */
public enum OrganizationType {
    SCHOOL,
    DISTRICT,
    DEPARTMENT;

    /** The stored value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrganizationType fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

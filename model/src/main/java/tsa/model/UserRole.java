package tsa.model;

import java.util.Locale;

/** Values of {@code users.role} (OneRoster roles), stored in lower case. */
public enum UserRole {
    STUDENT,
    TEACHER,
    ADMINISTRATOR,
    PARENT,
    GUARDIAN;

    /** The stored value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserRole fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

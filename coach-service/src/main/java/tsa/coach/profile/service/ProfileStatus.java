package tsa.coach.profile.service;

import java.util.Arrays;
import java.util.Optional;

/** A profile's {@code profile_status} (seed: active, inactive, pending). Any status may follow any other. */
public enum ProfileStatus {
    ACTIVE("active"),
    INACTIVE("inactive"),
    PENDING("pending");

    /** For messages: "active, inactive, pending". */
    public static final String VALUES = "active, inactive, pending";

    private final String value;

    ProfileStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ProfileStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}

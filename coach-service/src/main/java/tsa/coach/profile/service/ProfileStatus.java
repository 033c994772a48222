package tsa.coach.profile.service;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import tsa.runtime.state.StatusMachine;

/** A profile's {@code profile_status} (seed: active, inactive, pending). Any status may follow any other. */
public enum ProfileStatus implements StatusMachine<ProfileStatus> {
    ACTIVE("active"),
    INACTIVE("inactive"),
    PENDING("pending");

    /** For messages: "active, inactive, pending". */
    public static final String VALUES = "active, inactive, pending";

    private final String value;

    ProfileStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    /** Every status, itself included: admins move a coach freely between them (seed). */
    @Override
    public Set<ProfileStatus> next() {
        return EnumSet.allOf(ProfileStatus.class);
    }

    public static Optional<ProfileStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}

package tsa.admin.user.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tsa.model.User;
import tsa.runtime.time.Timestamps;

/**
 * A {@code users} row as the contract's {@code User} shows it: a snapshot taken inside the transaction that read or
 * wrote it, never a managed entity. {@code username} is always present (null on all but the first row of an email).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record UserView(
        String sourcedId,
        String status,
        String dateLastModified,
        @JsonInclude(JsonInclude.Include.ALWAYS) String username,
        boolean enabledUser,
        String givenName,
        String familyName,
        String middleName,
        String role,
        String email,
        String phone,
        List<String> orgIds,
        List<String> grades,
        String profileId,
        String createdAt,
        String updatedAt) {

    public static UserView of(User row) {
        return new UserView(
                row.sourcedId,
                row.status == null ? User.STATUS_ACTIVE : row.status,
                timestamp(row.dateLastModified),
                row.username,
                row.enabledUser == null || row.enabledUser,
                row.givenName,
                row.familyName,
                row.middleName,
                row.role,
                row.email,
                row.phone,
                copy(row.orgIds),
                copy(row.grades),
                row.profileId,
                timestamp(row.createdAt),
                timestamp(row.updatedAt));
    }

    @JsonIgnore
    public boolean isRevoked() {
        return UserDirectory.STATUS_TOBEDELETED.equals(status);
    }

    /** The row with another {@code enabled_user}, as the audit record's expected after-state. */
    UserView withEnabled(boolean enabled) {
        return new UserView(
                sourcedId,
                status,
                dateLastModified,
                username,
                enabled,
                givenName,
                familyName,
                middleName,
                role,
                email,
                phone,
                orgIds,
                grades,
                profileId,
                createdAt,
                updatedAt);
    }

    /** The row with another status and {@code enabled_user}. */
    UserView withStatus(String newStatus, boolean enabled) {
        return new UserView(
                sourcedId,
                newStatus,
                dateLastModified,
                username,
                enabled,
                givenName,
                familyName,
                middleName,
                role,
                email,
                phone,
                orgIds,
                grades,
                profileId,
                createdAt,
                updatedAt);
    }

    /** The row with the names an admin gave (a null name keeps the stored one). */
    UserView withNames(String newGivenName, String newFamilyName) {
        return new UserView(
                sourcedId,
                status,
                dateLastModified,
                username,
                enabledUser,
                newGivenName == null ? givenName : newGivenName,
                newFamilyName == null ? familyName : newFamilyName,
                middleName,
                role,
                email,
                phone,
                orgIds,
                grades,
                profileId,
                createdAt,
                updatedAt);
    }

    /**
     * The fields an admin can change or that identify the row, for the audit record's before and after state
     * (timestamps left out: the after-state is written before the database sets them).
     */
    Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        put(state, "sourcedId", sourcedId);
        put(state, "role", role);
        put(state, "email", email);
        put(state, "username", username);
        put(state, "status", status);
        put(state, "enabledUser", enabledUser);
        put(state, "givenName", givenName);
        put(state, "familyName", familyName);
        put(state, "orgIds", orgIds);
        put(state, "profileId", profileId);
        return state;
    }

    private static List<String> copy(List<String> values) {
        return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }

    private static void put(Map<String, Object> state, String name, Object value) {
        if (value != null) {
            state.put(name, value);
        }
    }

    /** Columns are {@code TIMESTAMP} written by the database in the session's zone, which the driver sets to ours. */
    private static String timestamp(LocalDateTime value) {
        return value == null
                ? null
                : Timestamps.format(value.atZone(ZoneId.systemDefault()).toInstant());
    }
}

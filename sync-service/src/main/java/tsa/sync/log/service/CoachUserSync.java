package tsa.sync.log.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tsa.model.SyncType;
import tsa.model.User;
import tsa.model.UserRole;
import tsa.runtime.text.EmailAddress;
import tsa.sync.organization.service.SchoolOrganizations;

/**
 * A coach profile -> the coach's OneRoster {@code users} row (architecture.md, "Identity and access"):
 * {@code sourced_id} = {@code profile_id} = the coach id, {@code role=teacher}, names, email, phone,
 * {@code enabled_user} only while the profile is {@code active}, {@code org_ids} = [the school's organisation], and
 * {@code username} = the email only if no other row holds it. The version applied is kept in
 * {@code metadata.profileVersion}; a change older than it is superseded and changes nothing, so repeated and
 * out-of-order changes end in the newest version's state. A {@code delete} marks the row {@code tobedeleted}.
 */
@ApplicationScoped
public class CoachUserSync {

    public static final String STATUS_TO_BE_DELETED = "tobedeleted";
    public static final String PROFILE_VERSION = "profileVersion";
    public static final String PROFILE_STATUS = "profileStatus";
    public static final String LAST_SYNC_ID = "lastSyncId";

    /** What applying a change did. */
    public enum Outcome {
        APPLIED,
        SUPERSEDED,
        NOTHING_TO_DELETE;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    SchoolOrganizations organizations;

    /** Applies one change in the caller's transaction; changes of one profile are applied one at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(SyncType type, ProfileSnapshot profile, String syncId) {
        lockProfile(profile.coachId());
        User user = User.findById(profile.coachId());
        if (user != null && !UserRole.TEACHER.value().equals(user.role)) {
            throw new SyncRejectedException(
                    "not_a_coach_row",
                    "users row " + profile.coachId() + " has role " + user.role
                            + ", not teacher; sync-service writes only coach rows");
        }
        if (user != null && profile.version() < appliedVersion(user)) {
            return Outcome.SUPERSEDED;
        }
        if (type == SyncType.DELETE) {
            if (user == null) {
                return Outcome.NOTHING_TO_DELETE;
            }
            user.status = STATUS_TO_BE_DELETED;
            user.enabledUser = false;
            user.metadata = metadata(user, profile.version(), null, syncId);
            return Outcome.APPLIED;
        }
        String orgId = organizations.ensureForSchool(profile.schoolId());
        String email = normalizedEmail(profile.email());
        String username = usernameFor(email, profile.coachId());
        if (user == null) {
            user = new User();
            user.sourcedId = profile.coachId();
            user.role = UserRole.TEACHER.value();
        }
        user.profileId = profile.coachId();
        user.status = User.STATUS_ACTIVE;
        user.givenName = profile.firstName();
        user.familyName = profile.lastName();
        user.email = email;
        user.phone = profile.phone();
        user.enabledUser = ProfileSnapshot.ACTIVE.equals(profile.profileStatus());
        user.orgIds = List.of(orgId);
        user.username = username;
        user.metadata = metadata(user, profile.version(), profile.profileStatus(), syncId);
        if (!user.isPersistent()) {
            user.persist();
        }
        return Outcome.APPLIED;
    }

    /**
     * The columns in which the coach's row differs from what the profile says (names as in the table; {@code
     * version} when the row reflects an older profile version). Empty when they agree.
     */
    public List<String> differences(ProfileSnapshot profile, User user) {
        List<String> fields = new ArrayList<>();
        String email = normalizedEmail(profile.email());
        compare(fields, "role", UserRole.TEACHER.value(), user.role);
        compare(fields, "profile_id", profile.coachId(), user.profileId);
        compare(fields, "status", User.STATUS_ACTIVE, user.status);
        compare(fields, "given_name", profile.firstName(), user.givenName);
        compare(fields, "family_name", profile.lastName(), user.familyName);
        compare(fields, "email", email, user.email);
        compare(fields, "phone", profile.phone(), user.phone);
        compare(fields, "enabled_user", ProfileSnapshot.ACTIVE.equals(profile.profileStatus()), user.enabledUser);
        compare(fields, "org_ids", expectedOrgIds(profile.schoolId()), user.orgIds);
        compare(fields, "username", usernameFor(email, profile.coachId()), user.username);
        if (appliedVersion(user) < profile.version()) {
            fields.add("version");
        }
        return fields;
    }

    /** The profile version a row reflects; -1 when it carries none. */
    public static long appliedVersion(User user) {
        Object version = user.metadata == null ? null : user.metadata.get(PROFILE_VERSION);
        return version instanceof Number n ? n.longValue() : -1;
    }

    /** The email as sign-in compares it: lower case. */
    static String normalizedEmail(String email) {
        return email == null || email.isBlank() ? null : EmailAddress.normal(email);
    }

    /** The email, if no other row holds it as its username (UNIQUE; the first row of an email keeps it). */
    private String usernameFor(String email, String coachId) {
        if (email == null) {
            return null;
        }
        long others = User.count("username = ?1 and sourcedId <> ?2", email, coachId);
        return others == 0 ? email : null;
    }

    private static List<String> expectedOrgIds(String schoolId) {
        try {
            return List.of(Integer.valueOf(schoolId).toString());
        } catch (NumberFormatException | NullPointerException unknown) {
            return List.of();
        }
    }

    private static Map<String, Object> metadata(User user, long version, String profileStatus, String syncId) {
        Map<String, Object> metadata = new LinkedHashMap<>(user.metadata == null ? Map.of() : user.metadata);
        metadata.put(PROFILE_VERSION, version);
        if (profileStatus != null) {
            metadata.put(PROFILE_STATUS, profileStatus);
        }
        metadata.put(LAST_SYNC_ID, syncId);
        return metadata;
    }

    private void lockProfile(String coachId) {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "tsa-sync:profile:" + coachId)
                .getSingleResult();
    }

    private static void compare(List<String> fields, String name, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            fields.add(name);
        }
    }
}

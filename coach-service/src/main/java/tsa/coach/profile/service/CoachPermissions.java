package tsa.coach.profile.service;

import java.util.List;
import java.util.Set;
import tsa.coach.profile.store.CoachProfile;

/**
 * What a coach may do, as the admin granted it on the coach invitation (admin-service's {@code CoachPermission}) and
 * onboarding copied onto the profile. A profile written before permissions were carried over has none stored; it is
 * granted nothing (fail closed): such a coach gets 403 on the guarded operations until the profile carries the
 * permission.
 */
public final class CoachPermissions {

    /** Send parent invitations (create and resend). */
    public static final String INVITE_PARENTS = "invite_parents";

    /** The values admin-service's contract defines; anything else from a remote answer is dropped. */
    public static final Set<String> KNOWN =
            Set.of(INVITE_PARENTS, "manage_enrollments", "verify_documents", "schedule_appointments", "view_students");

    private CoachPermissions() {}

    public static boolean has(CoachProfile profile, String permission) {
        List<String> granted = profile.permissions();
        return granted != null && granted.contains(permission);
    }

    /** The known permissions among {@code granted}, without repeats, in their given order. */
    public static List<String> known(List<String> granted) {
        return granted == null
                ? List.of()
                : granted.stream().filter(KNOWN::contains).distinct().toList();
    }
}

package tsa.coach.profile.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tsa.coach.profile.store.CoachProfile;
import tsa.coach.profile.store.ParentLinks;
import tsa.coach.profile.store.ProfileStore;
import tsa.coach.school.service.SchoolDirectory;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.text.EmailAddress;
import tsa.runtime.time.Timestamps;

/**
 * Coach profiles: created once by onboarding, edited by their coach under optimistic locking (the version is the
 * ETag), status changed only on an admin's behalf. Every create, update and status change marks the profile
 * {@code sync_pending} in the same conditional write and is then sent to sync-service ({@link ProfileSync}).
 */
@ApplicationScoped
public class CoachProfiles {

    private final ProfileStore store;
    private final ParentLinks parentLinks;
    private final SchoolDirectory schools;
    private final ProfileSync sync;
    private final Caller caller;
    private final CoachAccounts accounts;
    private final Clock clock;
    private final AdminAuditTrail audit;

    @Inject
    public CoachProfiles(
            ProfileStore store,
            ParentLinks parentLinks,
            SchoolDirectory schools,
            ProfileSync sync,
            Caller caller,
            CoachAccounts accounts,
            Clock clock,
            AdminAuditTrail audit) {
        this.store = store;
        this.parentLinks = parentLinks;
        this.schools = schools;
        this.sync = sync;
        this.caller = caller;
        this.accounts = accounts;
        this.clock = clock;
        this.audit = audit;
    }

    /** The audit trail's {@code resource_type} of an admin's read of profiles. */
    public static final String RESOURCE_TYPE = "coach";

    /** A profile as a caller may see it: whole, or only its public part (a parent of that coach's families). */
    public record Visible(CoachProfile profile, boolean publicPartOnly) {}

    /**
     * Onboarding completed: the profile under the invitation's coach id, {@code active}, version 1, with the
     * permissions the coach invitation granted. Idempotent: if the profile exists it is returned unchanged (a retry
     * after a crash between steps).
     */
    public CoachProfile createFromOnboarding(
            String coachId,
            String email,
            String firstName,
            String lastName,
            String phone,
            String schoolId,
            List<String> sportSpecialties,
            List<String> permissions) {
        require(coachId, "coachId");
        require(email, "email");
        require(firstName, "firstName");
        require(lastName, "lastName");
        Optional<CoachProfile> existing = store.find(coachId);
        if (existing.isPresent()) {
            return existing.get();
        }
        requireSchool(schoolId);
        String now = now();
        CoachProfile profile = CoachProfile.builder()
                .coachId(coachId)
                .email(EmailAddress.normal(email))
                .firstName(firstName.trim())
                .lastName(lastName.trim())
                .phone(blankToNull(phone))
                .schoolId(schoolId)
                .sportSpecialties(sportSpecialties == null ? List.of() : sportSpecialties)
                .permissions(CoachPermissions.known(permissions))
                .profileStatus(ProfileStatus.ACTIVE.value())
                .createdAt(now)
                .updatedAt(now)
                .version(1L)
                .syncPending(CoachProfile.SYNC_PENDING_VALUE)
                .build();
        if (!store.insert(profile)) {
            // Another completion of the same onboarding won the race; its profile is the one.
            return store.find(coachId).orElseThrow(() -> ProblemException.conflict("the profile changed meanwhile"));
        }
        return sent(profile);
    }

    /** The coach's own profile; 404 while onboarding has not created it. */
    public CoachProfile mine(String coachId) {
        return find(coachId).orElseThrow(() -> ProblemException.notFound("you have no profile yet"));
    }

    /** Any profile by id (service callers and admins); 404 if there is none. */
    public CoachProfile get(String coachId) {
        return find(coachId).orElseThrow(() -> ProblemException.notFound("no profile " + coachId));
    }

    /**
     * {@code GET profiles/{coachId}}: the coach themself and admins see it all; a parent holding an invitation from
     * that coach sees the public part; for anyone else it does not exist (404, so existence does not leak). An
     * admin's read of the whole profile (personal data) is recorded as a {@code view} first; without the record the
     * profile is not answered (503).
     */
    public Visible readAs(String coachId) {
        Optional<CoachProfile> profile = find(coachId);
        if (profile.isPresent()) {
            if (caller.isAdmin()) {
                return audit.viewed(
                        () -> new Visible(profile.get(), false),
                        read -> new AdminAction(
                                AdminAction.VIEW,
                                RESOURCE_TYPE,
                                coachId,
                                "read the profile of coach " + coachId,
                                null,
                                null));
            }
            if (caller.coachId().filter(coachId::equals).isPresent()) {
                return new Visible(profile.get(), false);
            }
            Optional<String> parentEmail = caller.parentEmail();
            if (parentEmail.isPresent() && parentLinks.invitedBy(parentEmail.get(), coachId)) {
                return new Visible(profile.get(), true);
            }
        }
        throw ProblemException.notFound("no profile " + coachId);
    }

    /**
     * The coach edits their profile. {@code ifMatchVersions} are the versions the request's If-Match names (null:
     * no If-Match, 428); the write is conditional on the version read, so of concurrent edits from the same read
     * exactly one wins and the others get 412.
     */
    public CoachProfile updateMine(String coachId, Set<Long> ifMatchVersions, ProfileEdit edit) {
        if (ifMatchVersions == null) {
            throw ProblemException.preconditionRequired("send If-Match with the ETag of your last read of the profile");
        }
        // The account gate's read (strongly consistent) is also the version this edit is conditional on.
        CoachProfile before = accounts.requireWritable()
                .filter(p -> p.coachId().equals(coachId))
                .orElseThrow(() -> ProblemException.notFound("you have no profile yet"));
        requireSchool(edit.schoolId());
        if (!ifMatchVersions.contains(before.version())) {
            throw stale();
        }
        CoachProfile after = before.toBuilder()
                .firstName(edit.firstName().trim())
                .lastName(edit.lastName().trim())
                .phone(blankToNull(edit.phone()))
                .schoolId(edit.schoolId())
                .sportSpecialties(
                        edit.sportSpecialties().stream().map(String::trim).toList())
                .updatedAt(now())
                .version(before.version() + 1)
                .syncPending(CoachProfile.SYNC_PENDING_VALUE)
                .build();
        if (!store.replace(after, before.version())) {
            throw stale();
        }
        return sent(after);
    }

    /**
     * Sets {@code profile_status} (admins through admin-service; onboarding sets {@code inactive} when the invitation
     * was cancelled meanwhile). Setting the current status again changes nothing.
     */
    public CoachProfile changeStatus(String coachId, String status) {
        ProfileStatus wanted = ProfileStatus.of(status)
                .orElseThrow(
                        () -> ProblemException.invalidField("profileStatus", "must be one of " + ProfileStatus.VALUES));
        boolean[] changed = {false};
        CoachProfile after = store.change(coachId, before -> {
                    if (wanted.value().equals(before.profileStatus())) {
                        return before;
                    }
                    changed[0] = true;
                    return before.toBuilder()
                            .profileStatus(
                                    statusOf(before).moveTo(wanted, "profile").value())
                            .updatedAt(now())
                            .syncPending(CoachProfile.SYNC_PENDING_VALUE)
                            .build();
                })
                .orElseThrow(() -> ProblemException.notFound("no profile " + coachId));
        return changed[0] ? sent(after) : after;
    }

    /** The coaches of a school ({@code school-index}); an unknown school gives an empty page. */
    public Page<CoachProfile> bySchool(String schoolId, PageRequest page) {
        // Admins only (the operation's roles): one view record per page read, the query and the count, no profile.
        return audit.viewed(
                () -> store.bySchool(schoolId, page),
                found -> AdminAction.listRead(
                        RESOURCE_TYPE,
                        null,
                        "listed the coaches of school " + schoolId,
                        Map.of("schoolId", schoolId),
                        found));
    }

    /** Profiles of a status, most recently updated first ({@code status-index}). */
    public Page<CoachProfile> byStatus(String status, PageRequest page) {
        ProfileStatus wanted = ProfileStatus.of(status)
                .orElseThrow(() -> ProblemException.invalidField("status", "must be one of " + ProfileStatus.VALUES));
        return store.byStatus(wanted.value(), page);
    }

    /** Any profile by id, or empty: for callers to whom "none" is an answer rather than a 404. */
    public Optional<CoachProfile> find(String coachId) {
        // Ids are minted as UUIDs; the store answers none for ids no profile can have (blank, far too long).
        return store.find(coachId);
    }

    /** The written version, without its mark if sync-service acknowledged it at once. */
    private CoachProfile sent(CoachProfile written) {
        return sync.send(written) ? written.toBuilder().syncPending(null).build() : written;
    }

    private void requireSchool(String schoolId) {
        if (!schools.exists(schoolId)) {
            throw ProblemException.invalidField("schoolId", "names no school");
        }
    }

    private static ProfileStatus statusOf(CoachProfile profile) {
        return ProfileStatus.of(profile.profileStatus())
                .orElseThrow(() -> new IllegalStateException("unknown status " + profile.profileStatus()));
    }

    private static ProblemException stale() {
        return ProblemException.preconditionFailed(
                "the profile changed since the version in If-Match; read it again and reapply your change");
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "is required");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package tsa.coach.profile.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import tsa.coach.profile.store.CoachProfile;
import tsa.coach.profile.store.ProfileStore;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;

/**
 * The gate in front of every coach write. A session outlives a status change (it is valid for up to an hour), so the
 * profile's {@code profile_status} is read from the store (strongly consistent, once per request) and a coach whose
 * profile is {@code inactive} may not write: 403. A coach without a profile yet (onboarding) passes; the operation
 * itself decides what a missing profile means.
 */
@RequestScoped
public class CoachAccounts {

    private final ProfileStore store;
    private final Caller caller;

    @Inject
    public CoachAccounts(ProfileStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    private Optional<CoachProfile> profile;

    /**
     * The caller's profile as stored now (read once per request); 403 if it is {@code inactive}. Empty for a
     * session without a coach id or a coach who has no profile yet.
     */
    public Optional<CoachProfile> requireWritable() {
        Optional<CoachProfile> current = current();
        if (current.isPresent()
                && ProfileStatus.INACTIVE.value().equals(current.get().profileStatus())) {
            throw inactive();
        }
        return current;
    }

    /** The caller's profile as stored at the first call in this request. */
    public Optional<CoachProfile> current() {
        if (profile == null) {
            Optional<String> coachId = caller.coachId();
            profile = coachId.isEmpty()
                            || coachId.get().isBlank()
                            || coachId.get().length() > 255
                    ? Optional.empty()
                    : store.find(coachId.get());
        }
        return profile;
    }

    public static ProblemException inactive() {
        return new ProblemException(
                403,
                "account-inactive",
                "Account inactive",
                "your coach account is inactive; it can't change anything");
    }
}

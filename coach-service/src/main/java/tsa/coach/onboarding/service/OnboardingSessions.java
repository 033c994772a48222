package tsa.coach.onboarding.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import tsa.coach.client.AdminServiceClient;
import tsa.coach.client.AdminServiceClient.Invitation;
import tsa.coach.onboarding.config.OnboardingSettings;
import tsa.coach.onboarding.store.OnboardingSession;
import tsa.coach.onboarding.store.OnboardingSessionStore;
import tsa.coach.profile.service.CoachAccounts;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.service.ProfileStatus;
import tsa.coach.profile.store.CoachProfile;
import tsa.coach.school.service.SchoolDirectory;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.problem.Problem;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.time.Timestamps;

/**
 * The onboarding wizard. An invitation has one current session at a time; its id is derived from the invitation id
 * and a generation number ({@code <invitationId>.<n>}), and a guard item names the current one. Starting again
 * resumes the current session while it lives; once it has expired the next generation starts (so an old tab's
 * session id stays dead), and when the current one is missing (never written after a crash, or already swept by TTL)
 * the same id is written again. Every write is conditional (put-if-absent, version), so racing starts end in one
 * session. Each save slides the expiry to now + 24 hours; expiry is checked on every read. Completion is a sequence
 * of idempotent steps: check the invitation, create the profile, accept the invitation, close the session.
 */
@ApplicationScoped
public class OnboardingSessions {

    private static final Logger LOG = Logger.getLogger(OnboardingSessions.class);

    /** {@code onboarding_step} of a session whose onboarding completed: closed, gone for reads. */
    public static final String COMPLETED = "completed";

    /**
     * A start claims the guard and then writes the session, two writes that racing starts may interleave: not a
     * read-change-write of one item, so it keeps its own bounded loop.
     */
    private static final int START_ATTEMPTS = 4;

    private final OnboardingSessionStore store;
    private final AdminServiceClient admin;
    private final CoachProfiles profiles;
    private final CoachAccounts accounts;
    private final SchoolDirectory schools;
    private final Caller caller;
    private final Clock clock;
    private final OnboardingSettings settings;

    @Inject
    public OnboardingSessions(
            OnboardingSessionStore store,
            AdminServiceClient admin,
            CoachProfiles profiles,
            CoachAccounts accounts,
            SchoolDirectory schools,
            Caller caller,
            Clock clock,
            OnboardingSettings settings) {
        this.store = store;
        this.admin = admin;
        this.profiles = profiles;
        this.accounts = accounts;
        this.schools = schools;
        this.caller = caller;
        this.clock = clock;
        this.settings = settings;
    }

    /** A session as its coach sees it: the item, its form and the finished steps. */
    public record SessionState(OnboardingSession session, OnboardingForm form, List<OnboardingStep> completedSteps) {}

    /** The outcome of a start: the session, and whether this call created it (201) or resumed it (200). */
    public record Started(SessionState state, boolean created) {}

    /** The outcome of a completion: the profile, and whether this call created it (201) or it existed (200). */
    public record Completed(CoachProfile profile, boolean created) {}

    /** {@code POST onboarding-sessions}: starts or resumes the one session of the caller's invitation. */
    public Started start() {
        String invitationId = caller.invitationId()
                .orElseThrow(() -> ProblemException.conflict(
                        "this session was not opened from a coach invitation; sign in through your invitation link"));
        String coachId = caller.coachId()
                .orElseThrow(() -> ProblemException.conflict(
                        "this session carries no coach id; sign in through your invitation link"));
        accounts.requireWritable();
        Invitation invitation = openInvitation(invitationId, coachId);
        if (profileOf(coachId).isPresent()) {
            throw ProblemException.conflict("your onboarding is complete: you have a profile already");
        }
        if (!invitation.isOpen()) {
            throw ProblemException.conflict("your invitation is " + invitation.status() + "; onboarding is closed");
        }
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            String current = store.currentSessionOf(invitationId);
            String candidate;
            if (current == null) {
                candidate = sessionId(invitationId, 1);
            } else {
                Optional<OnboardingSession> existing = store.find(current);
                if (existing.isPresent() && isLive(existing.get())) {
                    return new Started(stateOf(existing.get()), false);
                }
                // Expired or closed: the next generation. Missing: write the same id again (a racing start that
                // claimed it may be writing it right now, and put-if-absent makes both of us agree on one).
                candidate = existing.isPresent() ? next(current, invitationId) : current;
            }
            if (!store.makeCurrent(invitationId, candidate, this::sessionState)) {
                continue; // another live session holds it: resume that one on the next round
            }
            OnboardingSession fresh = newSession(candidate, invitation);
            if (store.insert(fresh)) {
                return new Started(stateOf(fresh), true);
            }
            Optional<OnboardingSession> racer = store.find(candidate);
            if (racer.isPresent() && isLive(racer.get())) {
                return new Started(stateOf(racer.get()), false);
            }
        }
        throw ProblemException.conflict("your onboarding session keeps changing; try again");
    }

    /** {@code GET onboarding-sessions/{id}}: the caller's own live session, else 404. */
    public SessionState get(String sessionId) {
        return stateOf(live(sessionId));
    }

    /**
     * {@code PUT onboarding-sessions/{id}}: merges {@code patch} into the form and moves to {@code step}, once every
     * earlier step is finished (409) and the step's own fields are (400); slides the expiry.
     */
    public SessionState save(String sessionId, OnboardingStep step, OnboardingForm patch) {
        accounts.requireWritable();
        OnboardingSession saved = store.change(sessionId, before -> {
                    if (!isCallers(before) || !isLive(before)) {
                        throw noSession(sessionId);
                    }
                    OnboardingForm merged =
                            OnboardingForm.fromItem(before.formData()).merge(patch);
                    for (OnboardingStep earlier : step.earlier()) {
                        if (!earlier.problemsIn(merged, schools::exists).isEmpty()) {
                            throw ProblemException.conflict(
                                    "finish the step '" + earlier.value() + "' before '" + step.value() + "'");
                        }
                    }
                    List<Problem.FieldError> problems = step.problemsIn(merged, schools::exists);
                    if (!problems.isEmpty()) {
                        throw invalid(problems);
                    }
                    Instant now = clock.instant();
                    return before.toBuilder()
                            .onboardingStep(step.value())
                            .formData(merged.toItem())
                            .expirationTime(expiry(now))
                            .updatedAt(Timestamps.format(now))
                            .build();
                })
                .orElseThrow(() -> noSession(sessionId));
        return stateOf(saved);
    }

    /**
     * {@code POST onboarding-sessions/{id}/complete}. Each step is idempotent, so completing twice, or again after a
     * crash between steps, ends with one profile and an accepted invitation: the profile is created (or found) under
     * the invitation's coach id, the invitation accepted (admin-service returns an accepted one unchanged), and only
     * then the session closed. An invitation cancelled or expired meanwhile leaves the profile {@code inactive}: 409.
     */
    public Completed complete(String sessionId) {
        accounts.requireWritable();
        OnboardingSession session = owned(sessionId).orElseThrow(() -> noSession(sessionId));
        if (COMPLETED.equals(session.onboardingStep())) {
            // Completed before: the answer is the profile that completion created.
            return new Completed(profileOf(session.coachId()).orElseThrow(() -> noSession(sessionId)), false);
        }
        if (isExpired(session)) {
            throw noSession(sessionId);
        }
        OnboardingForm form = OnboardingForm.fromItem(session.formData());
        List<Problem.FieldError> problems = new ArrayList<>();
        for (OnboardingStep step : OnboardingStep.values()) {
            problems.addAll(step.problemsIn(form, schools::exists));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }

        Invitation invitation = openInvitation(session.invitationId(), session.coachId());
        if (!invitation.isOpen() && !invitation.isAccepted()) {
            deactivate(session.coachId());
            throw ProblemException.conflict("your invitation is " + invitation.status() + "; onboarding is closed");
        }
        boolean existed = profileOf(invitation.coachId()).isPresent();
        CoachProfile profile = profiles.createFromOnboarding(
                invitation.coachId(),
                invitation.coachEmail(),
                form.firstName(),
                form.lastName(),
                form.phone(),
                form.schoolId(),
                form.sportSpecialties(),
                invitation.permissions());
        try {
            admin.accept(invitation.invitationId());
        } catch (RemoteFailure.Conflict | RemoteFailure.NotFound cancelledMeanwhile) {
            deactivate(invitation.coachId());
            throw ProblemException.conflict("your invitation was cancelled or has expired; your profile is inactive");
        } catch (RemoteFailure.Unavailable e) {
            throw unavailable(e);
        }
        close(session);
        return new Completed(profile, !existed);
    }

    /** The invitation behind a session, which must be the caller's (its coach id is the session's coach id). */
    private Invitation openInvitation(String invitationId, String coachId) {
        Invitation invitation;
        try {
            invitation = admin.invitation(invitationId);
        } catch (RemoteFailure.NotFound e) {
            throw ProblemException.conflict("your coach invitation no longer exists");
        } catch (RemoteFailure.Unavailable e) {
            throw unavailable(e);
        }
        if (invitation.coachId() == null || !invitation.coachId().equals(coachId)) {
            throw ProblemException.conflict("your coach invitation belongs to another coach id");
        }
        return invitation;
    }

    /** Marks the session completed, so it reads as gone; a concurrent save only delays this by a retry. */
    private void close(OnboardingSession session) {
        try {
            store.change(session.sessionId(), current -> {
                if (COMPLETED.equals(current.onboardingStep())) {
                    return current;
                }
                Instant now = clock.instant();
                return current.toBuilder()
                        .onboardingStep(COMPLETED)
                        .expirationTime(expiry(now))
                        .updatedAt(Timestamps.format(now))
                        .build();
            });
        } catch (ProblemException keptChanging) {
            // The profile exists and the invitation is accepted; an open session can only be resumed into a 409 now.
            LOG.warnf("onboarding session %s could not be closed after completion", session.sessionId());
        }
    }

    /** The invitation closed under the coach's feet: a profile made for it must not stay usable. */
    private void deactivate(String coachId) {
        if (profileOf(coachId).isPresent()) {
            profiles.changeStatus(coachId, ProfileStatus.INACTIVE.value());
        }
    }

    private OnboardingSession newSession(String sessionId, Invitation invitation) {
        Instant now = clock.instant();
        OnboardingForm prefill = new OnboardingForm(
                invitation.coachEmail(),
                invitation.firstName(),
                invitation.lastName(),
                null,
                invitation.schoolId(),
                invitation.sport() == null || invitation.sport().isBlank() ? null : List.of(invitation.sport()),
                null,
                null,
                null);
        return OnboardingSession.builder()
                .sessionId(sessionId)
                .coachId(invitation.coachId())
                .invitationId(invitation.invitationId())
                .onboardingStep(OnboardingStep.PERSONAL_INFO.value())
                .formData(prefill.toItem())
                .expirationTime(expiry(now))
                .createdAt(Timestamps.format(now))
                .updatedAt(Timestamps.format(now))
                .version(1L)
                .build();
    }

    /** The caller's own session that is neither expired nor completed; anything else is 404. */
    private OnboardingSession live(String sessionId) {
        return owned(sessionId).filter(this::isLive).orElseThrow(() -> noSession(sessionId));
    }

    private Optional<OnboardingSession> owned(String sessionId) {
        return store.find(sessionId).filter(this::isCallers);
    }

    /** A session is the caller's when its coach id is the token's (and its invitation, if the token names one). */
    private boolean isCallers(OnboardingSession session) {
        return caller.coachId().filter(id -> id.equals(session.coachId())).isPresent()
                && caller.invitationId()
                        .map(id -> id.equals(session.invitationId()))
                        .orElse(true);
    }

    private static ProblemException noSession(String sessionId) {
        return ProblemException.notFound("no onboarding session " + sessionId);
    }

    /** How a session holds its invitation's place as the current session. */
    private UniquenessGuard.HolderState sessionState(String sessionId) {
        return store.find(sessionId)
                .map(s -> isLive(s) ? UniquenessGuard.HolderState.OPEN : UniquenessGuard.HolderState.CLOSED)
                .orElse(UniquenessGuard.HolderState.MISSING);
    }

    private boolean isLive(OnboardingSession session) {
        return !COMPLETED.equals(session.onboardingStep()) && !isExpired(session);
    }

    private boolean isExpired(OnboardingSession session) {
        return session.expirationTime() == null || clock.instant().getEpochSecond() >= session.expirationTime();
    }

    private long expiry(Instant now) {
        return now.plus(settings.sessionLifetime()).getEpochSecond();
    }

    private SessionState stateOf(OnboardingSession session) {
        OnboardingForm form = OnboardingForm.fromItem(session.formData());
        List<OnboardingStep> finished = new ArrayList<>();
        for (OnboardingStep step : OnboardingStep.values()) {
            if (step.problemsIn(form, schools::exists).isEmpty()
                    && (step != OnboardingStep.REVIEW || finished.size() == OnboardingStep.REVIEW.ordinal())) {
                finished.add(step);
            }
        }
        return new SessionState(session, form, List.copyOf(finished));
    }

    private Optional<CoachProfile> profileOf(String coachId) {
        return profiles.find(coachId);
    }

    static String sessionId(String invitationId, long generation) {
        return invitationId + "." + generation;
    }

    /** The id after {@code current}: the same invitation, the next generation. */
    static String next(String current, String invitationId) {
        String prefix = invitationId + ".";
        long generation = 0;
        if (current.startsWith(prefix)) {
            try {
                generation = Long.parseLong(current.substring(prefix.length()));
            } catch (NumberFormatException e) {
                generation = 0;
            }
        }
        return sessionId(invitationId, generation + 1);
    }

    private static ProblemException invalid(List<Problem.FieldError> problems) {
        String detail = problems.stream()
                .map(p -> p.field() + ": " + p.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid form data");
        return new ProblemException(400, "validation", "Invalid request", detail, problems);
    }

    private static ProblemException unavailable(RemoteFailure.Unavailable e) {
        LOG.warnf("onboarding could not reach admin-service: %s", e.getMessage());
        return ProblemException.unavailable("admin-service can't be reached; try again in a moment");
    }
}

package tsa.coach.invitation.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import tsa.coach.invitation.config.ParentInvitationSettings;
import tsa.coach.invitation.store.ParentInvitation;
import tsa.coach.invitation.store.ParentInvitationStore;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.service.ProfileStatus;
import tsa.coach.profile.store.CoachProfile;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.mail.MailSender;
import tsa.runtime.mail.PortalLinks;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.security.LinkToken;
import tsa.runtime.time.Timestamps;

/**
 * Coaches invite parents: one open invitation per (coach, parent email, student) held by a guard item, a {@code p}
 * link mailed after the write, expiry checked on every read, resend (new secret, new expiry, revives an expired one),
 * cancel, and the service-role exchange (marks {@code opened}) and accept.
 */
@ApplicationScoped
public class ParentInvitations {

    private static final Logger LOG = Logger.getLogger(ParentInvitations.class);

    private static final int ATTEMPTS = 4;

    @Inject
    ParentInvitationStore store;

    @Inject
    CoachProfiles profiles;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    ParentInvitationSettings settings;

    @Inject
    MailSender mail;

    @Inject
    PortalLinks portals;

    /** What a coach asks for; validated at the REST boundary. */
    public record NewInvitation(String parentEmail, String studentName, String sport) {
    }

    public ParentInvitation invite(NewInvitation request) {
        String coachId = caller.coachId().orElseThrow(ParentInvitations::noActiveProfile);
        CoachProfile coach = activeProfile(coachId);
        String parentEmail = normalEmail(request.parentEmail());
        String studentName = request.studentName().trim();
        Instant now = clock.instant();
        String invitationId = UUID.randomUUID().toString();
        LinkToken link = LinkToken.issue(LinkToken.Kind.PARENT_INVITATION, invitationId);
        ParentInvitation invitation = ParentInvitation.builder()
                .invitationId(invitationId)
                .coachId(coachId)
                .parentEmail(parentEmail)
                .studentName(studentName)
                .sport(request.sport().trim())
                .invitationStatus(ParentInvitationStatus.SENT.value())
                .magicLinkToken(link.secretHash())
                .sentAt(Timestamps.format(now))
                .expiresAt(Timestamps.format(now.plus(settings.lifetime())))
                .version(1L)
                .build();
        if (!store.claimSlot(slotOf(invitation), invitationId, this::holderState)) {
            throw ProblemException.conflict("an open invitation to " + parentEmail + " for " + studentName
                    + " exists already");
        }
        if (!store.insert(invitation)) {
            throw ProblemException.conflict("an invitation with this id exists already");
        }
        return mailLink(invitation, link, coach);
    }

    /** {@code GET parent-invitations/{id}}: the inviting coach, the invited parent and admins; others 404. */
    public ParentInvitation getVisible(String invitationId) {
        ParentInvitation invitation = store.find(invitationId).filter(this::visibleToCaller)
                .orElseThrow(() -> notFound(invitationId));
        return current(invitation);
    }

    /** {@code GET /internal/parent-invitations/{id}} (services). */
    public ParentInvitation get(String invitationId) {
        return current(load(invitationId));
    }

    /**
     * Coaches list their own (optionally only those to {@code parentEmail}); admins list every coach's invitations to
     * {@code parentEmail}, which they must give. Expiry applies on read.
     */
    public Page<ParentInvitation> list(String parentEmail, Integer limit, String cursor) {
        int size = PageCursor.limit(limit);
        String email = parentEmail == null ? null : normalEmail(parentEmail);
        Page<ParentInvitation> page;
        if (caller.isAdmin()) {
            if (email == null) {
                throw ProblemException.invalidField("parentEmail", "is required for admins");
            }
            page = store.byParentEmail(email, size, cursor);
        } else {
            Optional<String> coachId = caller.coachId();
            if (coachId.isEmpty()) {
                return new Page<>(java.util.List.of(), null);
            }
            page = store.byCoach(coachId.get(), email, size, cursor);
        }
        return page.map(this::withEffectiveStatus);
    }

    /** The inviting coach cancels: {@code sent|opened -> cancelled}; cancelling again changes nothing. */
    public ParentInvitation cancel(String invitationId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ParentInvitation before = current(ownInvitation(invitationId));
            ParentInvitationStatus status = statusOf(before);
            if (status == ParentInvitationStatus.CANCELLED) {
                return before;
            }
            if (!status.canBeCancelled()) {
                throw ProblemException.conflict("a " + status.value() + " invitation can't be cancelled");
            }
            ParentInvitation after = before.toBuilder()
                    .invitationStatus(ParentInvitationStatus.CANCELLED.value())
                    .version(before.version() + 1)
                    .build();
            if (store.replace(after, before.version())) {
                return after;
            }
        }
        throw changing();
    }

    /**
     * The inviting coach (still active) resends: a new secret (the old link dies), a new expiry, {@code sent_at} now,
     * status {@code sent} (an opened one stays opened), and a mail with the new link.
     */
    public ParentInvitation resend(String invitationId) {
        ParentInvitation before = current(ownInvitation(invitationId));
        CoachProfile coach = activeProfile(before.coachId());
        ParentInvitationStatus status = statusOf(before);
        if (!status.canBeResent()) {
            throw ProblemException.conflict("a " + status.value() + " invitation can't be resent");
        }
        Instant now = clock.instant();
        if (status == ParentInvitationStatus.EXPIRED
                && !store.claimSlot(slotOf(before), invitationId, this::holderState)) {
            throw ProblemException.conflict("another open invitation to " + before.parentEmail() + " for "
                    + before.studentName() + " exists");
        }
        LinkToken link = LinkToken.issue(LinkToken.Kind.PARENT_INVITATION, invitationId);
        ParentInvitation after = before.toBuilder()
                .invitationStatus(status == ParentInvitationStatus.OPENED
                        ? ParentInvitationStatus.OPENED.value() : ParentInvitationStatus.SENT.value())
                .magicLinkToken(link.secretHash())
                .sentAt(Timestamps.format(now))
                .expiresAt(Timestamps.format(now.plus(settings.lifetime())))
                .mailStatus(null)
                .version(before.version() + 1)
                .build();
        if (!store.replace(after, before.version())) {
            throw ProblemException.conflict("the invitation changed meanwhile; try again");
        }
        return mailLink(after, link, coach);
    }

    /**
     * admin-service exchanges a {@code p} token: the open invitation whose current secret it carries, marked
     * {@code opened} the first time. Anything else (malformed, unknown, wrong or superseded secret, expired,
     * cancelled, accepted) is the same 404.
     */
    public ParentInvitation exchange(String token) {
        LinkToken link = LinkToken.parse(token).filter(t -> t.kind() == LinkToken.Kind.PARENT_INVITATION)
                .orElseThrow(ParentInvitations::noSuchLink);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ParentInvitation before = store.find(link.recordId())
                    .filter(invitation -> link.matches(invitation.magicLinkToken()))
                    .map(this::current)
                    .filter(invitation -> statusOf(invitation).isOpen())
                    .orElseThrow(ParentInvitations::noSuchLink);
            if (!statusOf(before).canBeOpened()) {
                return before;
            }
            ParentInvitation opened = before.toBuilder()
                    .invitationStatus(ParentInvitationStatus.OPENED.value())
                    .version(before.version() + 1)
                    .build();
            if (store.replace(opened, before.version())) {
                return opened;
            }
        }
        throw changing();
    }

    /** parent-service accepts (idempotent): {@code sent|opened -> accepted}; expired or cancelled is 409. */
    public ParentInvitation accept(String invitationId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ParentInvitation before = current(load(invitationId));
            ParentInvitationStatus status = statusOf(before);
            if (status == ParentInvitationStatus.ACCEPTED) {
                return before;
            }
            if (!status.canBeAccepted()) {
                throw ProblemException.conflict("a " + status.value() + " invitation can't be accepted");
            }
            ParentInvitation after = before.toBuilder()
                    .invitationStatus(ParentInvitationStatus.ACCEPTED.value())
                    .respondedAt(Timestamps.format(clock.instant()))
                    .version(before.version() + 1)
                    .build();
            if (store.replace(after, before.version())) {
                return after;
            }
        }
        throw changing();
    }

    private boolean visibleToCaller(ParentInvitation invitation) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.coachId().filter(invitation.coachId()::equals).isPresent()) {
            return true;
        }
        return caller.parentEmail().filter(invitation.parentEmail()::equals).isPresent();
    }

    /** The invitation if the caller is the coach who sent it; for anyone else it does not exist. */
    private ParentInvitation ownInvitation(String invitationId) {
        Optional<String> coachId = caller.coachId();
        return store.find(invitationId)
                .filter(invitation -> coachId.filter(invitation.coachId()::equals).isPresent())
                .orElseThrow(() -> notFound(invitationId));
    }

    private CoachProfile activeProfile(String coachId) {
        CoachProfile profile = profiles.find(coachId).orElseThrow(ParentInvitations::noActiveProfile);
        if (!ProfileStatus.ACTIVE.value().equals(profile.profileStatus())) {
            throw noActiveProfile();
        }
        return profile;
    }

    /** How a slot's holder keeps the slot: open, closed, or not written (yet, or ever: the guard's lease decides). */
    private UniquenessGuard.HolderState holderState(String invitationId) {
        return store.find(invitationId)
                .map(i -> statusOf(withEffectiveStatus(i)).isOpen()
                        ? UniquenessGuard.HolderState.OPEN : UniquenessGuard.HolderState.CLOSED)
                .orElse(UniquenessGuard.HolderState.MISSING);
    }

    private ParentInvitation load(String invitationId) {
        return store.find(invitationId).orElseThrow(() -> notFound(invitationId));
    }

    /** The invitation with its expiry applied; an expiry seen for the first time is written (best effort). */
    private ParentInvitation current(ParentInvitation stored) {
        ParentInvitation effective = withEffectiveStatus(stored);
        if (!effective.invitationStatus().equals(stored.invitationStatus())) {
            ParentInvitation expired = effective.toBuilder().version(stored.version() + 1).build();
            if (store.replace(expired, stored.version())) {
                return expired;
            }
        }
        return effective;
    }

    private ParentInvitation withEffectiveStatus(ParentInvitation stored) {
        boolean pastExpiry = statusOf(stored).expires()
                && !clock.instant().isBefore(Timestamps.parse(stored.expiresAt()));
        return pastExpiry
                ? stored.toBuilder().invitationStatus(ParentInvitationStatus.EXPIRED.value()).build()
                : stored;
    }

    private static ParentInvitationStatus statusOf(ParentInvitation invitation) {
        return ParentInvitationStatus.of(invitation.invitationStatus())
                .orElseThrow(() -> new IllegalStateException("unknown status " + invitation.invitationStatus()));
    }

    /**
     * Sends the link and records {@code mail_status} on the invitation, unless the invitation's secret changed
     * meanwhile (a resend's own mail then tells).
     */
    private ParentInvitation mailLink(ParentInvitation invitation, LinkToken link, CoachProfile coach) {
        String url = portals.signInLink("parent", link.value());
        String coachName = (nullToEmpty(coach.firstName()) + " " + nullToEmpty(coach.lastName())).trim();
        String text = "Hello,\n\n"
                + (coachName.isEmpty() ? "A coach" : coachName)
                + " of Texas Sports Academy invites you to enroll " + invitation.studentName() + " in "
                + invitation.sport() + ".\n\n"
                + "Open your invitation here: " + url + "\n\n"
                + "The link works until " + invitation.expiresAt() + ".\n";
        MailSender.Outcome outcome = mail.send(invitation.parentEmail(),
                "Your invitation to enroll " + invitation.studentName() + " with TSA", text);
        ParentInvitation current = invitation;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ParentInvitation recorded = current.toBuilder()
                    .mailStatus(outcome.status())
                    .version(current.version() + 1)
                    .build();
            if (store.replace(recorded, current.version())) {
                return withEffectiveStatus(recorded);
            }
            Optional<ParentInvitation> reread = store.find(invitation.invitationId());
            if (reread.isEmpty() || !link.matches(reread.get().magicLinkToken())) {
                break;
            }
            current = reread.get();
        }
        LOG.warnf("mail status of parent invitation %s not recorded: it changed meanwhile",
                invitation.invitationId());
        return invitation.toBuilder().mailStatus(outcome.status()).build();
    }

    /** The slot an invitation holds: a digest of coach, parent email and student name (case and spaces ignored). */
    private static String slotOf(ParentInvitation invitation) {
        String student = invitation.studentName().trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return LinkToken.sha256Hex(invitation.coachId() + "\n" + invitation.parentEmail() + "\n" + student);
    }

    private static String normalEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static ProblemException noActiveProfile() {
        return ProblemException.conflict("only a coach with an active profile can invite parents");
    }

    private static ProblemException notFound(String invitationId) {
        return ProblemException.notFound("no parent invitation " + invitationId);
    }

    private static ProblemException noSuchLink() {
        return ProblemException.notFound("no open parent invitation for this token");
    }

    private static ProblemException changing() {
        return ProblemException.conflict("the invitation keeps changing; try again");
    }
}

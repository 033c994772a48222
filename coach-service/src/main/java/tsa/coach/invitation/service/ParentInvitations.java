package tsa.coach.invitation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import tsa.coach.invitation.config.ParentInvitationSettings;
import tsa.coach.invitation.store.ParentInvitation;
import tsa.coach.invitation.store.ParentInvitationStore;
import tsa.coach.profile.service.CoachAccounts;
import tsa.coach.profile.service.CoachPermissions;
import tsa.coach.profile.service.ProfileStatus;
import tsa.coach.profile.store.CoachProfile;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.mail.MailSender;
import tsa.runtime.mail.PortalLinks;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.security.LinkToken;
import tsa.runtime.text.EmailAddress;
import tsa.runtime.time.Timestamps;

/**
 * Coaches invite parents: one open invitation per (coach, parent email, student) held by a guard item, a {@code p}
 * link mailed after the write, expiry checked on every read, resend (new secret, new expiry, revives an expired one),
 * cancel, and the service-role exchange (marks {@code opened}) and accept.
 */
@ApplicationScoped
public class ParentInvitations {

    private static final Logger LOG = Logger.getLogger(ParentInvitations.class);

    /** The kind of mail the logs name (never its subject, which holds the student's name). */
    static final String MAIL_KIND = "parent-invitation";

    /** What a refused transition's 409 calls it. */
    private static final String WHAT = "parent invitation";

    /** The audit trail's {@code resource_type} of an admin's read of one invitation. */
    public static final String RESOURCE_TYPE = "parent_invitation";

    private final ParentInvitationStore store;
    private final CoachAccounts accounts;
    private final InvitationMailLimit mailLimit;
    private final Caller caller;
    private final AdminAuditTrail audit;
    private final Clock clock;
    private final ParentInvitationSettings settings;
    private final MailSender mail;
    private final PortalLinks portals;

    @Inject
    public ParentInvitations(
            ParentInvitationStore store,
            CoachAccounts accounts,
            InvitationMailLimit mailLimit,
            Caller caller,
            Clock clock,
            ParentInvitationSettings settings,
            MailSender mail,
            PortalLinks portals,
            AdminAuditTrail audit) {
        this.store = store;
        this.accounts = accounts;
        this.mailLimit = mailLimit;
        this.caller = caller;
        this.clock = clock;
        this.settings = settings;
        this.mail = mail;
        this.portals = portals;
        this.audit = audit;
    }

    /** What a coach asks for; validated at the REST boundary. */
    public record NewInvitation(String parentEmail, String studentName, String sport) {}

    public ParentInvitation invite(NewInvitation request) {
        String coachId = caller.coachId().orElseThrow(ParentInvitations::noActiveProfile);
        CoachProfile coach = mayInvite();
        mailLimit.take(coachId);
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
            throw ProblemException.conflict(
                    "an open invitation to " + parentEmail + " for " + studentName + " exists already");
        }
        if (!store.insert(invitation)) {
            throw ProblemException.conflict("an invitation with this id exists already");
        }
        return mailLink(invitation, link, coach);
    }

    /** {@code GET parent-invitations/{id}}: the inviting coach, the invited parent and admins; others 404. */
    public ParentInvitation getVisible(String invitationId) {
        ParentInvitation invitation =
                store.find(invitationId).filter(this::visibleToCaller).orElseThrow(() -> notFound(invitationId));
        if (caller.isAdmin()) {
            // A parent's address and their child's name: an admin's read is recorded (503 and no answer without it).
            return audit.viewed(
                    () -> current(invitation),
                    read -> new AdminAction(
                            AdminAction.VIEW,
                            RESOURCE_TYPE,
                            invitationId,
                            "read parent invitation " + invitationId,
                            null,
                            null));
        }
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
    public Page<ParentInvitation> list(String parentEmail, PageRequest request) {
        String email = parentEmail == null ? null : normalEmail(parentEmail);
        Page<ParentInvitation> page;
        if (caller.isAdmin()) {
            if (email == null) {
                throw ProblemException.invalidField("parentEmail", "is required for admins");
            }
            // One view record per page read: the address asked about (the record's resource id, as admin-service's
            // user search does), the count; never a returned invitation's child or coach.
            return audit.viewed(
                    () -> store.byParentEmail(email, request).map(this::withEffectiveStatus),
                    found -> AdminAction.listRead(
                            "parent",
                            email,
                            "listed the parent invitations to a parent",
                            Map.of("parentEmail", true),
                            found));
        } else {
            Optional<String> coachId = caller.coachId();
            if (coachId.isEmpty()) {
                return new Page<>(List.of(), null);
            }
            page = store.byCoach(coachId.get(), email, request);
        }
        return page.map(this::withEffectiveStatus);
    }

    /** The inviting coach cancels: {@code sent|opened -> cancelled}; cancelling again changes nothing. */
    public ParentInvitation cancel(String invitationId) {
        accounts.requireWritable();
        return store.change(invitationId, stored -> {
                    ParentInvitation before = withEffectiveStatus(own(stored));
                    ParentInvitationStatus status = statusOf(before);
                    if (status == ParentInvitationStatus.CANCELLED) {
                        return stored;
                    }
                    return before.toBuilder()
                            .invitationStatus(status.moveTo(ParentInvitationStatus.CANCELLED, WHAT)
                                    .value())
                            .build();
                })
                .orElseThrow(() -> notFound(invitationId));
    }

    /**
     * The inviting coach (still active, with {@code invite_parents}, within the mail limit) resends: a new secret (the
     * old link dies), a new expiry, {@code sent_at} now, status {@code sent} (an opened one stays opened), and a mail
     * with the new link.
     */
    public ParentInvitation resend(String invitationId) {
        ownInvitation(invitationId);
        CoachProfile coach = mayInvite();
        LinkToken link = LinkToken.issue(LinkToken.Kind.PARENT_INVITATION, invitationId);
        AtomicBoolean mailUnitTaken = new AtomicBoolean();
        // A lost race (the previous mail's outcome being recorded, a parent opening it) is read and decided again.
        ParentInvitation after = store.change(invitationId, stored -> {
                    ParentInvitation before = withEffectiveStatus(own(stored));
                    ParentInvitationStatus status = statusOf(before);
                    // An opened invitation stays opened; sent and expired ones are sent (again).
                    ParentInvitationStatus resent = status.moveTo(
                            status == ParentInvitationStatus.OPENED
                                    ? ParentInvitationStatus.OPENED
                                    : ParentInvitationStatus.SENT,
                            WHAT);
                    if (!mailUnitTaken.getAndSet(true)) {
                        mailLimit.take(before.coachId());
                    }
                    if (status == ParentInvitationStatus.EXPIRED
                            && !store.claimSlot(slotOf(before), invitationId, this::holderState)) {
                        throw ProblemException.conflict("another open invitation to " + before.parentEmail() + " for "
                                + before.studentName() + " exists");
                    }
                    Instant now = clock.instant();
                    return before.toBuilder()
                            .invitationStatus(resent.value())
                            .magicLinkToken(link.secretHash())
                            .sentAt(Timestamps.format(now))
                            .expiresAt(Timestamps.format(now.plus(settings.lifetime())))
                            .mailStatus(null)
                            .build();
                })
                .orElseThrow(() -> notFound(invitationId));
        return mailLink(after, link, coach);
    }

    /**
     * admin-service exchanges a {@code p} token: the open invitation whose current secret it carries, marked
     * {@code opened} the first time. Anything else (malformed, unknown, wrong or superseded secret, expired,
     * cancelled, accepted) is the same 404.
     */
    public ParentInvitation exchange(String token) {
        LinkToken link = LinkToken.parse(token)
                .filter(t -> t.kind() == LinkToken.Kind.PARENT_INVITATION)
                .orElseThrow(ParentInvitations::noSuchLink);
        return store.change(link.recordId(), stored -> {
                    ParentInvitation before = withEffectiveStatus(stored);
                    if (!link.matches(before.magicLinkToken())
                            || !statusOf(before).isOpen()) {
                        throw noSuchLink();
                    }
                    ParentInvitationStatus status = statusOf(before);
                    if (status == ParentInvitationStatus.OPENED) {
                        return stored;
                    }
                    return before.toBuilder()
                            .invitationStatus(status.moveTo(ParentInvitationStatus.OPENED, WHAT)
                                    .value())
                            .build();
                })
                .orElseThrow(ParentInvitations::noSuchLink);
    }

    /** parent-service accepts (idempotent): {@code sent|opened -> accepted}; expired or cancelled is 409. */
    public ParentInvitation accept(String invitationId) {
        return store.change(invitationId, stored -> {
                    ParentInvitation before = withEffectiveStatus(stored);
                    ParentInvitationStatus status = statusOf(before);
                    if (status == ParentInvitationStatus.ACCEPTED) {
                        return stored;
                    }
                    return before.toBuilder()
                            .invitationStatus(status.moveTo(ParentInvitationStatus.ACCEPTED, WHAT)
                                    .value())
                            .respondedAt(Timestamps.format(clock.instant()))
                            .build();
                })
                .orElseThrow(() -> notFound(invitationId));
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
        return own(store.find(invitationId).orElseThrow(() -> notFound(invitationId)));
    }

    private ParentInvitation own(ParentInvitation invitation) {
        if (caller.coachId().filter(invitation.coachId()::equals).isEmpty()) {
            throw notFound(invitation.invitationId());
        }
        return invitation;
    }

    /**
     * The caller's profile, if it may send parent invitations: it exists and is {@code active} (else 409, as before
     * permissions existed) and carries {@code invite_parents} (else 403). The profile is the one the request's
     * account gate read from the store (strongly consistent), so a status change is seen at once.
     */
    private CoachProfile mayInvite() {
        CoachProfile profile = accounts.requireWritable().orElseThrow(ParentInvitations::noActiveProfile);
        if (!ProfileStatus.ACTIVE.value().equals(profile.profileStatus())) {
            throw noActiveProfile();
        }
        if (!CoachPermissions.has(profile, CoachPermissions.INVITE_PARENTS)) {
            throw ProblemException.forbidden("your coach account lacks the permission invite_parents; an admin "
                    + "grants it on your coach invitation");
        }
        return profile;
    }

    /** How a slot's holder keeps the slot: open, closed, or not written (yet, or ever: the guard's lease decides). */
    private UniquenessGuard.HolderState holderState(String invitationId) {
        return store.find(invitationId)
                .map(i -> statusOf(withEffectiveStatus(i)).isOpen()
                        ? UniquenessGuard.HolderState.OPEN
                        : UniquenessGuard.HolderState.CLOSED)
                .orElse(UniquenessGuard.HolderState.MISSING);
    }

    private ParentInvitation load(String invitationId) {
        return store.find(invitationId).orElseThrow(() -> notFound(invitationId));
    }

    /** The invitation with its expiry applied; an expiry seen for the first time is written (best effort). */
    private ParentInvitation current(ParentInvitation stored) {
        ParentInvitation effective = withEffectiveStatus(stored);
        if (!effective.invitationStatus().equals(stored.invitationStatus())) {
            ParentInvitation expired =
                    effective.toBuilder().version(stored.version() + 1).build();
            if (store.replace(expired, stored.version())) {
                return expired;
            }
        }
        return effective;
    }

    private ParentInvitation withEffectiveStatus(ParentInvitation stored) {
        boolean pastExpiry = statusOf(stored).canBecome(ParentInvitationStatus.EXPIRED)
                && !clock.instant().isBefore(Timestamps.parse(stored.expiresAt()));
        return pastExpiry
                ? stored.toBuilder()
                        .invitationStatus(ParentInvitationStatus.EXPIRED.value())
                        .build()
                : stored;
    }

    private static ParentInvitationStatus statusOf(ParentInvitation invitation) {
        return ParentInvitationStatus.of(invitation.invitationStatus())
                .orElseThrow(() -> new IllegalStateException("unknown status " + invitation.invitationStatus()));
    }

    /**
     * Sends the link after the write, off the request thread; when the outcome is known it is recorded as
     * {@code mail_status} on the invitation, unless the invitation's secret changed meanwhile (a resend's own mail
     * then tells). The answer to the request is the invitation as written, without a {@code mail_status} yet.
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
        mail.sendLater(
                MAIL_KIND,
                invitation.parentEmail(),
                "Your invitation to enroll " + invitation.studentName() + " with TSA",
                text,
                outcome -> recordMailStatus(invitation, link, outcome));
        return withEffectiveStatus(invitation);
    }

    /** Records the mail's outcome on the invitation, unless a resend replaced the link it carried meanwhile. */
    private void recordMailStatus(ParentInvitation invitation, LinkToken link, MailSender.Outcome outcome) {
        try {
            store.change(
                    invitation.invitationId(),
                    current -> link.matches(current.magicLinkToken())
                            ? current.toBuilder().mailStatus(outcome.status()).build()
                            : current);
        } catch (ProblemException keptChanging) {
            LOG.warnf("mail status of parent invitation %s not recorded: it kept changing", invitation.invitationId());
        }
    }

    /** The slot an invitation holds: a digest of coach, parent email and student name (case and spaces ignored). */
    private static String slotOf(ParentInvitation invitation) {
        String student = invitation.studentName().trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return LinkToken.sha256Hex(invitation.coachId() + "\n" + invitation.parentEmail() + "\n" + student);
    }

    private static String normalEmail(String email) {
        return EmailAddress.normal(email);
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
}

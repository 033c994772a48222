package tsa.admin.invitation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.admin.invitation.config.InvitationSettings;
import tsa.admin.invitation.store.CoachInvitation;
import tsa.admin.invitation.store.CoachInvitationStore;
import tsa.model.School;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.mail.MailSender;
import tsa.runtime.mail.PortalLinks;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.security.LinkToken;
import tsa.runtime.text.EmailAddress;
import tsa.runtime.time.Timestamps;

/**
 * Admins invite coaches: one open invitation per coach email (a guard item), a {@code c} link mailed after the write,
 * expiry checked on every read, resend (new secret, new expiry, revives an expired one), cancel, and the
 * service-role accept that onboarding calls. Every admin write is audited first.
 */
@ApplicationScoped
public class CoachInvitations {

    private static final Logger LOG = Logger.getLogger(CoachInvitations.class);
    private static final String RESOURCE = "coach_invitation";
    /** What a refused transition's 409 calls it. */
    private static final String WHAT = "coach invitation";

    private final CoachInvitationStore store;
    private final AdminAuditTrail audit;
    private final Caller caller;
    private final Clock clock;
    private final InvitationSettings settings;
    private final MailSender mail;
    private final PortalLinks portals;

    @Inject
    public CoachInvitations(
            CoachInvitationStore store,
            AdminAuditTrail audit,
            Caller caller,
            Clock clock,
            InvitationSettings settings,
            MailSender mail,
            PortalLinks portals) {
        this.store = store;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
        this.settings = settings;
        this.mail = mail;
        this.portals = portals;
    }

    /** What an admin asks for; validated at the REST boundary. */
    public record NewInvitation(
            String coachEmail,
            String firstName,
            String lastName,
            String schoolId,
            String sport,
            List<String> permissions,
            String message) {}

    public CoachInvitation invite(NewInvitation request) {
        String email = EmailAddress.normal(request.coachEmail());
        School school = findSchool(request.schoolId());
        Instant now = clock.instant();
        String invitationId = UUID.randomUUID().toString();
        LinkToken link = LinkToken.issue(LinkToken.Kind.COACH_INVITATION, invitationId);
        CoachInvitation invitation = CoachInvitation.builder()
                .invitationId(invitationId)
                .coachId(UUID.randomUUID().toString())
                .adminEmail(caller.email())
                .coachEmail(email)
                .firstName(request.firstName().trim())
                .lastName(request.lastName().trim())
                .schoolId(String.valueOf(school.schoolId))
                .schoolName(school.nameOfInstitution)
                .sport(request.sport().trim())
                .permissions(List.copyOf(request.permissions()))
                .message(request.message())
                .invitationStatus(CoachInvitationStatus.SENT.value())
                .magicLinkToken(link.secretHash())
                .sentAt(Timestamps.format(now))
                .expiresAt(Timestamps.format(now.plus(settings.lifetime())))
                .version(1L)
                .build();
        AdminAction action = new AdminAction(
                AdminAction.CREATE,
                RESOURCE,
                invitationId,
                "invited coach " + email + " to school " + school.schoolId,
                Map.of(),
                stateOf(invitation));
        CoachInvitation written = audit.audited(action, () -> {
            if (!store.claimEmail(email, invitationId, this::holderState)) {
                throw ProblemException.conflict("an open invitation for " + email + " exists already");
            }
            if (!store.insert(invitation)) {
                throw ProblemException.conflict("an invitation with this id exists already");
            }
            return invitation;
        });
        return mailLink(written, link);
    }

    public CoachInvitation get(String invitationId) {
        return current(load(invitationId));
    }

    public Page<CoachInvitation> list(String status, String coachEmail, PageRequest page) {
        if ((status == null) == (coachEmail == null)) {
            throw ProblemException.badRequest("give exactly one of status or coachEmail");
        }
        if (coachEmail != null) {
            return store.byCoachEmail(EmailAddress.normal(coachEmail), page).map(this::withEffectiveStatus);
        }
        CoachInvitationStatus wanted = CoachInvitationStatus.of(status)
                .orElseThrow(() ->
                        ProblemException.invalidField("status", "must be one of sent, accepted, expired, cancelled"));
        String now = Timestamps.format(clock.instant());
        return switch (wanted) {
            case SENT ->
                store.byStatus(CoachInvitationStatus.SENT.value(), expiry("#e > :now", now), page)
                        .map(this::withEffectiveStatus);
            case EXPIRED -> expired(now, page);
            default -> store.byStatus(wanted.value(), null, page).map(this::withEffectiveStatus);
        };
    }

    /**
     * Expired ones are those written so and those still {@code sent} past their expiry: two queries, one after the
     * other, the cursor's {@value #PHASE} saying which ("s" the sent ones, "e" the written ones) next to the position
     * in that query.
     */
    private Page<CoachInvitation> expired(String now, PageRequest page) {
        Map<String, AttributeValue> startKey = page.startKey();
        Map<String, AttributeValue> position = startKey == null ? new LinkedHashMap<>() : new LinkedHashMap<>(startKey);
        AttributeValue phase = position.remove(PHASE);
        PageRequest inner = new PageRequest(page.limit(), PageCursor.encode(position));
        if (startKey == null || phase != null && "s".equals(phase.s())) {
            Page<CoachInvitation> sent = store.byStatus(
                            CoachInvitationStatus.SENT.value(), expiry("#e <= :now", now), inner)
                    .map(this::withEffectiveStatus);
            return new Page<>(sent.items(), phased(sent.nextCursor() == null ? "e" : "s", sent.nextCursor()));
        }
        if (phase == null || !"e".equals(phase.s())) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
        }
        Page<CoachInvitation> written = store.byStatus(CoachInvitationStatus.EXPIRED.value(), null, inner);
        return new Page<>(written.items(), written.nextCursor() == null ? null : phased("e", written.nextCursor()));
    }

    private static final String PHASE = "phase#";

    private static String phased(String phase, String cursor) {
        Map<String, AttributeValue> position = new LinkedHashMap<>();
        position.put(PHASE, AttributeValue.fromS(phase));
        Map<String, AttributeValue> inner = PageCursor.decode(cursor);
        if (inner != null) {
            position.putAll(inner);
        }
        return PageCursor.encode(position);
    }

    public CoachInvitation resend(String invitationId) {
        CoachInvitation before = current(load(invitationId));
        CoachInvitationStatus status = statusOf(before);
        CoachInvitationStatus resent = status.moveTo(CoachInvitationStatus.SENT, WHAT);
        Instant now = clock.instant();
        LinkToken link = LinkToken.issue(LinkToken.Kind.COACH_INVITATION, invitationId);
        CoachInvitation after = before.toBuilder()
                .invitationStatus(resent.value())
                .magicLinkToken(link.secretHash())
                .sentAt(Timestamps.format(now))
                .expiresAt(Timestamps.format(now.plus(settings.lifetime())))
                .mailStatus(null)
                .version(before.version() + 1)
                .build();
        AdminAction action = new AdminAction(
                AdminAction.UPDATE,
                RESOURCE,
                invitationId,
                "resent the invitation of " + before.coachEmail(),
                stateOf(before),
                stateOf(after));
        CoachInvitation written = audit.audited(action, () -> {
            if (status == CoachInvitationStatus.EXPIRED
                    && !store.claimEmail(before.coachEmail(), invitationId, this::holderState)) {
                throw ProblemException.conflict("another open invitation for " + before.coachEmail() + " exists");
            }
            if (!store.replace(after, before.version())) {
                throw ProblemException.conflict("the invitation changed meanwhile; try again");
            }
            return after;
        });
        return mailLink(written, link);
    }

    /**
     * {@code sent|expired -> cancelled}; cancelling again changes nothing. The audit record shows the invitation as
     * first read; the write itself is read, decided and tried again if the invitation changed in between (its mail
     * status being recorded, say).
     */
    public CoachInvitation cancel(String invitationId) {
        CoachInvitation before = current(load(invitationId));
        CoachInvitation after = cancelled(before);
        if (after == before) {
            return before;
        }
        AdminAction action = new AdminAction(
                AdminAction.DELETE,
                RESOURCE,
                invitationId,
                "cancelled the invitation of " + before.coachEmail(),
                stateOf(before),
                stateOf(after));
        return audit.audited(
                action,
                () -> store.change(invitationId, stored -> {
                            CoachInvitation effective = withEffectiveStatus(stored);
                            CoachInvitation changed = cancelled(effective);
                            return changed == effective ? stored : changed;
                        })
                        .orElseThrow(() -> notFound(invitationId)));
    }

    /** The invitation cancelled; itself if it is cancelled already; 409 if it can no longer be. */
    private static CoachInvitation cancelled(CoachInvitation invitation) {
        CoachInvitationStatus status = statusOf(invitation);
        if (status == CoachInvitationStatus.CANCELLED) {
            return invitation;
        }
        return invitation.toBuilder()
                .invitationStatus(
                        status.moveTo(CoachInvitationStatus.CANCELLED, WHAT).value())
                .build();
    }

    /** Onboarding completed: idempotent; an expired or cancelled invitation can't be accepted (409). */
    public CoachInvitation accept(String invitationId) {
        return store.change(invitationId, stored -> {
                    CoachInvitation before = withEffectiveStatus(stored);
                    CoachInvitationStatus status = statusOf(before);
                    if (status == CoachInvitationStatus.ACCEPTED) {
                        return stored;
                    }
                    return before.toBuilder()
                            .invitationStatus(status.moveTo(CoachInvitationStatus.ACCEPTED, WHAT)
                                    .value())
                            .acceptedAt(Timestamps.format(clock.instant()))
                            .build();
                })
                .orElseThrow(() -> notFound(invitationId));
    }

    /** The open invitation a {@code c} link names, if the link's secret is its current one. */
    public Optional<CoachInvitation> openInvitationFor(LinkToken link) {
        return store.find(link.recordId())
                .filter(invitation -> link.matches(invitation.magicLinkToken()))
                .map(this::current)
                .filter(invitation -> statusOf(invitation).isOpen());
    }

    /** The open invitation of an address, for a coach who signs in before finishing onboarding. */
    public Optional<CoachInvitation> openInvitationFor(String coachEmail) {
        return store.allFor(EmailAddress.normal(coachEmail)).stream()
                .map(this::withEffectiveStatus)
                .filter(invitation -> statusOf(invitation).isOpen())
                .findFirst();
    }

    private UniquenessGuard.HolderState holderState(String invitationId) {
        return store.find(invitationId)
                .map(this::withEffectiveStatus)
                .map(i -> statusOf(i).isOpen() ? UniquenessGuard.HolderState.OPEN : UniquenessGuard.HolderState.CLOSED)
                .orElse(UniquenessGuard.HolderState.MISSING);
    }

    private CoachInvitation load(String invitationId) {
        return store.find(invitationId).orElseThrow(() -> notFound(invitationId));
    }

    private static ProblemException notFound(String invitationId) {
        return ProblemException.notFound("no coach invitation " + invitationId);
    }

    /** The invitation with its expiry applied; an expiry seen for the first time is written (best effort). */
    private CoachInvitation current(CoachInvitation stored) {
        CoachInvitation effective = withEffectiveStatus(stored);
        if (!effective.invitationStatus().equals(stored.invitationStatus())) {
            CoachInvitation expired =
                    effective.toBuilder().version(stored.version() + 1).build();
            if (store.replace(expired, stored.version())) {
                return expired;
            }
        }
        return effective;
    }

    private CoachInvitation withEffectiveStatus(CoachInvitation stored) {
        boolean pastExpiry = statusOf(stored).canBecome(CoachInvitationStatus.EXPIRED)
                && !clock.instant().isBefore(Timestamps.parse(stored.expiresAt()));
        return pastExpiry
                ? stored.toBuilder()
                        .invitationStatus(CoachInvitationStatus.EXPIRED.value())
                        .build()
                : stored;
    }

    private static CoachInvitationStatus statusOf(CoachInvitation invitation) {
        return CoachInvitationStatus.of(invitation.invitationStatus())
                .orElseThrow(() -> new IllegalStateException("unknown status " + invitation.invitationStatus()));
    }

    private CoachInvitation mailLink(CoachInvitation invitation, LinkToken link) {
        String url = portals.signInLink("coach", link.value());
        String text = "Hello " + invitation.firstName() + ",\n\n"
                + "You are invited to coach " + invitation.sport() + " at " + invitation.schoolName()
                + " with Texas Sports Academy.\n"
                + (invitation.message() == null || invitation.message().isBlank()
                        ? ""
                        : "\n" + invitation.message() + "\n")
                + "\nStart your onboarding here: " + url + "\n\n"
                + "The link works until " + invitation.expiresAt() + ".\n";
        // Off the request thread, like sign-in mails: the answer carries no mailStatus yet, the record gets it.
        mail.sendLater(
                "coach-invitation",
                invitation.coachEmail(),
                "Your invitation to coach with TSA",
                text,
                outcome -> recordMailStatus(invitation, link, outcome));
        return invitation;
    }

    /** Records the mail's outcome on the invitation, unless a resend replaced the link it carried meanwhile. */
    private void recordMailStatus(CoachInvitation invitation, LinkToken link, MailSender.Outcome outcome) {
        try {
            store.change(
                    invitation.invitationId(),
                    current -> link.matches(current.magicLinkToken())
                            ? current.toBuilder().mailStatus(outcome.status()).build()
                            : current);
        } catch (ProblemException keptChanging) {
            LOG.warnf("mail status of invitation %s not recorded: it kept changing", invitation.invitationId());
        }
    }

    private static School findSchool(String schoolId) {
        Integer id;
        try {
            id = Integer.valueOf(schoolId);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("schoolId", "must be a school id (digits)");
        }
        School school = School.findById(id);
        if (school == null) {
            throw ProblemException.invalidField("schoolId", "names no school");
        }
        return school;
    }

    private static Expression expiry(String condition, String now) {
        return Expression.builder()
                .expression(condition)
                .putExpressionName("#e", CoachInvitation.EXPIRES_AT)
                .putExpressionValue(":now", AttributeValue.fromS(now))
                .build();
    }

    /** The invitation as the audit trail shows it: everything but the link secret's hash. */
    static Map<String, Object> stateOf(CoachInvitation invitation) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("invitationId", invitation.invitationId());
        state.put("coachId", invitation.coachId());
        state.put("coachEmail", invitation.coachEmail());
        state.put("firstName", invitation.firstName());
        state.put("lastName", invitation.lastName());
        state.put("schoolId", invitation.schoolId());
        state.put("sport", invitation.sport());
        state.put("permissions", invitation.permissions());
        state.put("invitationStatus", invitation.invitationStatus());
        state.put("expiresAt", invitation.expiresAt());
        return state;
    }
}

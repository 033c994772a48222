package tsa.admin.auth.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import tsa.admin.auth.store.SignInLink;
import tsa.admin.auth.store.SignInStore;
import tsa.admin.client.CoachServiceClient;
import tsa.admin.invitation.service.CoachInvitations;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.LinkToken;
import tsa.runtime.security.Roles;
import tsa.runtime.security.TokenMinter;

/**
 * {@code POST /api/auth/sessions}: the only place where a link token becomes a session. A malformed, unknown,
 * expired, used or superseded token, and a valid token of a person whose {@code users} row for that role is disabled
 * or revoked, get the same 401, which never says which.
 */
@ApplicationScoped
public class SessionExchange {

    private final SignInStore signIns;
    private final SignInDirectory directory;
    private final CoachInvitations coachInvitations;
    private final CoachServiceClient coachService;
    private final TokenMinter tokens;
    private final Clock clock;
    private final MeterRegistry registry;

    @Inject
    public SessionExchange(
            SignInStore signIns,
            SignInDirectory directory,
            CoachInvitations coachInvitations,
            CoachServiceClient coachService,
            TokenMinter tokens,
            Clock clock,
            MeterRegistry registry) {
        this.signIns = signIns;
        this.directory = directory;
        this.coachInvitations = coachInvitations;
        this.coachService = coachService;
        this.tokens = tokens;
        this.clock = clock;
        this.registry = registry;
    }

    /** A session: the signed token, its lifetime and whom it is for. */
    public record Session(String accessToken, long expiresIn, SessionIdentity identity) {}

    public Session exchange(String tokenText) {
        Optional<LinkToken> parsed = LinkToken.parse(tokenText);
        Optional<SessionIdentity> identity = parsed.flatMap(token -> switch (token.kind()) {
            case SIGN_IN -> signIn(token);
            case COACH_INVITATION ->
                coachInvitations
                        .openInvitationFor(token)
                        .filter(i -> directory.admitsInvitedCoach(i.coachEmail(), i.coachId()))
                        .map(i ->
                                new SessionIdentity(Roles.COACH, i.coachEmail(), i.coachId(), i.invitationId(), null));
            case PARENT_INVITATION ->
                coachService
                        .exchangeParentToken(token.value())
                        .filter(invitation -> directory.admitsInvitedParent(invitation.parentEmail()))
                        .map(invitation -> new SessionIdentity(
                                Roles.PARENT,
                                invitation.parentEmail(),
                                null,
                                invitation.invitationId(),
                                invitation.parentEmail()));
        });
        if (identity.isEmpty()) {
            registry.counter("tsa.sign_in.sessions", "outcome", "refused").increment();
            throw ProblemException.unauthorized("the link is not valid");
        }
        registry.counter("tsa.sign_in.sessions", "outcome", identity.get().role())
                .increment();
        Instant now = clock.instant();
        TokenMinter.MintedToken minted = tokens.userSession(
                identity.get().role(), identity.get().email(), identity.get().ids());
        return new Session(minted.token(), minted.expiresInSeconds(now), identity.get());
    }

    private Optional<SessionIdentity> signIn(LinkToken token) {
        Optional<SignInLink> stored = signIns.find(token.recordId())
                .filter(link -> SignInLink.KIND_LINK.equals(link.kind()) && token.matches(link.tokenHash()))
                // a newer link of the same address and portal retires this one
                .filter(link -> signIns.isNewest(link.email(), link.portal(), link.linkId()));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        return signIns.redeem(token.recordId(), token.secretHash(), clock.instant())
                .flatMap(link -> Portal.of(link.portal()))
                .flatMap(portal -> directory.identityFor(stored.get().email(), portal));
    }
}

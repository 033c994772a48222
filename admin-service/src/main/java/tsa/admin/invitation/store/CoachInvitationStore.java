package tsa.admin.invitation.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tsa.admin.config.AdminTables;
import tsa.runtime.dynamo.DynamoSettings;
import tsa.runtime.dynamo.IndexQuery;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.dynamo.VersionedItems;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;

/**
 * {@code coach-invitationsdev}: versioned items ({@link VersionedItems}), one guard item per coach email that names
 * its open invitation, GSI pages by status and by coach email, never a scan.
 */
@ApplicationScoped
public class CoachInvitationStore {

    private final VersionedItems<CoachInvitation> items;
    private final UniquenessGuard openPerEmail;

    @Inject
    public CoachInvitationStore(DynamoDbClient dynamo, AdminTables tables, DynamoSettings settings, Clock clock) {
        this.items = new VersionedItems<>(dynamo, tables.coachInvitations(), CoachInvitation.SCHEMA, settings);
        this.openPerEmail = new UniquenessGuard(dynamo, items.tableName(), CoachInvitation.INVITATION_ID, clock);
    }

    public Optional<CoachInvitation> find(String invitationId) {
        return items.find(invitationId);
    }

    /** Makes {@code invitationId} the one open invitation of {@code coachEmail}, unless an open one holds it. */
    public boolean claimEmail(
            String coachEmail, String invitationId, Function<String, UniquenessGuard.HolderState> holderState) {
        return openPerEmail.claimFor(UniquenessGuard.key("coach-email", coachEmail), invitationId, holderState);
    }

    /** Writes a new invitation; false if one with that id exists. */
    public boolean insert(CoachInvitation invitation) {
        return items.insert(invitation);
    }

    /** Replaces the invitation if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean replace(CoachInvitation changed, long expectedVersion) {
        return items.replace(changed, expectedVersion);
    }

    /** Read, decide, write at the next version; tried again when another request changed it in between. */
    public Optional<CoachInvitation> change(String invitationId, UnaryOperator<CoachInvitation> change) {
        return items.change(invitationId, change);
    }

    /** Invitations of a status, newest first, through {@code status-index}; {@code filter} narrows by expiry. */
    public Page<CoachInvitation> byStatus(String status, Expression filter, PageRequest page) {
        return items.page(
                IndexQuery.of(AdminTables.STATUS_INDEX, status).newestFirst().filtered(filter), page);
    }

    /** Invitations sent to an address, through {@code coach-email-index}. */
    public Page<CoachInvitation> byCoachEmail(String coachEmail, PageRequest page) {
        return items.page(IndexQuery.of(AdminTables.COACH_EMAIL_INDEX, coachEmail), page);
    }

    /** All invitations ever sent to an address (small: one person's history), for sign-in decisions. */
    public List<CoachInvitation> allFor(String coachEmail) {
        return items.all(IndexQuery.of(AdminTables.COACH_EMAIL_INDEX, coachEmail));
    }
}

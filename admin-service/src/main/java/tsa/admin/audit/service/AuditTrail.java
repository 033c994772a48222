package tsa.admin.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import tsa.admin.audit.store.AuditLogStore;
import tsa.admin.audit.store.AuditRecord;
import tsa.admin.user.service.ActiveAdministrators;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.paging.Page;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.text.EmailAddress;
import tsa.runtime.time.Timestamps;

/**
 * admin-service's audit trail (architecture.md, "Audit"): its own admins' writes are recorded here directly, the
 * other services' through {@code POST /internal/audit-records}. A record is written before the write it describes
 * and never changed; a write that then fails gets a second record ({@code outcome=failed}) pointing at the first.
 */
@ApplicationScoped
public class AuditTrail implements AdminAuditTrail {

    public static final Set<String> ACTION_TYPES =
            Set.of(AdminAction.CREATE, AdminAction.UPDATE, AdminAction.DELETE, AdminAction.VIEW);
    public static final String OUTCOME_FAILED = "failed";

    /**
     * The contract's list of {@code resource_type} values (admin-service.yaml, {@code AuditResourceType}): the seed's
     * {@code coach, parent, enrollment, setting} and the kinds it does not name. A writer using another is a bug.
     */
    public static final String RESOURCE_TYPE_PATTERN =
            "coach|parent|enrollment|setting|user|coach_invitation|parent_invitation|document|appointment|payment"
                    + "|sync_log|reconciliation|api_client";

    public static final List<String> RESOURCE_TYPES = List.of(RESOURCE_TYPE_PATTERN.split("\\|"));

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final int DESCRIPTION_MAX = 1000;
    /** A {@code log_id} as the contract allows them; no other id can name a stored record. */
    private static final String LOG_ID_PATTERN = "[A-Za-z0-9_.:-]{1,64}";

    /** JSON values as DynamoDB keeps them: numbers compare by value ({@code 2.0} is stored and read as {@code 2}). */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    /** A record as {@link #recordForwarded} left it: created by this call, or found from an earlier one. */
    public record Recorded(AuditRecord record, boolean created) {}

    private final AuditLogStore store;
    private final ActiveAdministrators administrators;
    private final Caller caller;
    private final Clock clock;
    private final ObjectMapper json;

    @Inject
    public AuditTrail(
            AuditLogStore store, ActiveAdministrators administrators, Caller caller, Clock clock, ObjectMapper json) {
        this.store = store;
        this.administrators = administrators;
        this.caller = caller;
        this.clock = clock;
        this.json = json;
    }

    /**
     * {@inheritDoc} Every admin write in admin-service passes here first, so this is where a session whose admin has
     * been disabled or revoked since it was issued stops: 401, nothing recorded, nothing written.
     */
    @Override
    public String recordBefore(AdminAction action) {
        if (!administrators.isActive(caller.email())) {
            throw ProblemException.unauthorized("this session's administrator is no longer enabled");
        }
        AuditRecord record = fromCaller(action).logId(newLogId()).build();
        AuditLogStore.Appended appended = append(record);
        if (!appended.written()) {
            // A fresh UUID that is taken: never expected, and never a reason to attribute the write to another record.
            throw ProblemException.unavailable("the audit record could not be written; nothing was changed");
        }
        return record.logId();
    }

    @Override
    public void recordFailure(String firstLogId, AdminAction action, String reason) {
        try {
            String why = reason == null || reason.isBlank() ? "unknown reason" : reason;
            AuditRecord record = fromCaller(action)
                    .logId(newLogId())
                    .actionDescription(truncate(description(action) + " (failed: " + why + ")"))
                    .outcome(OUTCOME_FAILED)
                    .relatedLogId(firstLogId)
                    .build();
            store.append(record);
        } catch (RuntimeException e) {
            // The write has failed already; its first record stands, so this is logged rather than thrown.
            LOG.errorf(
                    "could not append the failure record of audit record %s (%s): %s",
                    firstLogId,
                    action == null
                            ? "no action"
                            : action.actionType() + " " + action.resourceType() + " " + action.resourceId(),
                    e.toString());
        }
    }

    /**
     * Records what another service sends on an admin's behalf, under the {@code log_id} it chose: a retry with the
     * same content finds the record it wrote before; the same id with other content is a 409. An address with no
     * enabled, active administrator row is refused (403, nothing recorded): no record, no write, so a disabled or
     * revoked admin's session stops writing in the other services too.
     */
    public Recorded recordForwarded(AuditRecord proposed) {
        if (!administrators.isActive(proposed.adminEmail())) {
            throw ProblemException.forbidden("adminEmail is not an enabled administrator; nothing was recorded");
        }
        AuditRecord record = normalized(proposed).toBuilder()
                .timestamp(Timestamps.format(clock.instant()))
                .build();
        AuditLogStore.Appended appended = append(record);
        if (appended.written()) {
            return new Recorded(appended.stored(), true);
        }
        if (!sameContent(appended.stored(), record)) {
            throw ProblemException.conflict(
                    "audit record " + record.logId() + " was already recorded with different content");
        }
        return new Recorded(appended.stored(), false);
    }

    public AuditRecord get(String logId) {
        if (logId == null || !logId.matches(LOG_ID_PATTERN)) {
            throw ProblemException.notFound("no audit record " + logId);
        }
        try {
            return store.find(logId).orElseThrow(() -> ProblemException.notFound("no audit record " + logId));
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    public Page<AuditRecord> search(AuditQuery query) {
        try {
            return query.byAdmin()
                    ? store.byAdmin(query.adminEmail(), query.from(), query.to(), query.limit(), query.cursor())
                    : store.byActionType(query.actionType(), query.from(), query.to(), query.limit(), query.cursor());
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    private AuditLogStore.Appended append(AuditRecord record) {
        try {
            return store.append(record);
        } catch (SdkException | IllegalStateException e) {
            throw unavailable(e);
        }
    }

    /** The record of an action by the admin whose request this is: email, address, user agent and session. */
    private AuditRecord.Builder fromCaller(AdminAction action) {
        if (!ACTION_TYPES.contains(action.actionType())) {
            throw new IllegalArgumentException("not an audit action type: " + action.actionType());
        }
        if (!RESOURCE_TYPES.contains(action.resourceType())) {
            throw new IllegalArgumentException("not a listed audit resource type: " + action.resourceType());
        }
        return AuditRecord.builder()
                .adminEmail(caller.email())
                .actionType(action.actionType())
                .resourceType(action.resourceType())
                .resourceId(blankToNull(action.resourceId()))
                .actionDescription(truncate(description(action)))
                .beforeState(state(action.beforeState()))
                .afterState(state(action.afterState()))
                .ipAddress(blankToNull(caller.ipAddress()))
                .userAgent(blankToNull(caller.userAgent()))
                .sessionId(caller.sessionId())
                .timestamp(Timestamps.format(clock.instant()));
    }

    private ObjectNode state(Map<String, Object> state) {
        return state == null || state.isEmpty() ? null : json.valueToTree(state);
    }

    /** Optional text left blank is not stored; an empty state is no state; addresses compare lower-cased. */
    private static AuditRecord normalized(AuditRecord record) {
        return record.toBuilder()
                .adminEmail(EmailAddress.normal(record.adminEmail()))
                .resourceId(blankToNull(record.resourceId()))
                .beforeState(emptyToNull(record.beforeState()))
                .afterState(emptyToNull(record.afterState()))
                .ipAddress(blankToNull(record.ipAddress()))
                .userAgent(blankToNull(record.userAgent()))
                .outcome(blankToNull(record.outcome()))
                .relatedLogId(blankToNull(record.relatedLogId()))
                .build();
    }

    /** Everything the caller chose; {@code timestamp} is admin-service's and differs between attempts. */
    static boolean sameContent(AuditRecord stored, AuditRecord sent) {
        return Objects.equals(stored.logId(), sent.logId())
                && Objects.equals(stored.adminEmail(), sent.adminEmail())
                && Objects.equals(stored.actionType(), sent.actionType())
                && Objects.equals(stored.resourceType(), sent.resourceType())
                && Objects.equals(stored.resourceId(), sent.resourceId())
                && Objects.equals(stored.actionDescription(), sent.actionDescription())
                && sameState(stored.beforeState(), sent.beforeState())
                && sameState(stored.afterState(), sent.afterState())
                && Objects.equals(stored.ipAddress(), sent.ipAddress())
                && Objects.equals(stored.userAgent(), sent.userAgent())
                && Objects.equals(stored.sessionId(), sent.sessionId())
                && Objects.equals(stored.outcome(), sent.outcome())
                && Objects.equals(stored.relatedLogId(), sent.relatedLogId());
    }

    private static boolean sameState(ObjectNode stored, ObjectNode sent) {
        ObjectNode a = emptyToNull(stored);
        ObjectNode b = emptyToNull(sent);
        return a == null || b == null ? a == b : a.equals(SAME_VALUE, b);
    }

    private static ProblemException unavailable(RuntimeException cause) {
        LOG.warnf("audit trail unavailable: %s", cause.toString());
        return ProblemException.unavailable("the audit trail can't be reached; nothing was changed");
    }

    private static String description(AdminAction action) {
        if (action.description() != null && !action.description().isBlank()) {
            return action.description();
        }
        return action.actionType() + " " + action.resourceType()
                + (action.resourceId() == null ? "" : " " + action.resourceId());
    }

    private static String truncate(String text) {
        return text.length() <= DESCRIPTION_MAX ? text : text.substring(0, DESCRIPTION_MAX - 1) + "…";
    }

    private static ObjectNode emptyToNull(ObjectNode state) {
        return state == null || state.isEmpty() ? null : state;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String newLogId() {
        return UUID.randomUUID().toString();
    }
}

package tsa.sync.log.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tsa.model.ProfileSyncLog;
import tsa.model.SyncStatus;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.sync.log.repository.SyncLogRepository;

/** What admins do with the sync log: list it, and put a failed row back in the queue (audited). */
@ApplicationScoped
public class SyncLogAdministration {

    public static final String RESOURCE_TYPE = "sync_log";

    @Inject
    SyncLogRepository rows;

    @Inject
    AdminAuditTrail audit;

    @Inject
    SyncWorker worker;

    /** Newest first, optionally of one status and/or one profile. */
    public Page<ProfileSyncLog> list(String status, String profileId, PageRequest page) {
        SyncStatus wanted = status == null ? null : parseStatus(status);
        if (profileId != null && (profileId.isBlank() || profileId.length() > 255)) {
            throw ProblemException.invalidField("profileId", "must be 1 to 255 characters");
        }
        int size = page.size();
        SyncLogCursor after = SyncLogCursor.decode(page, status == null ? null : wanted.value(), profileId);
        List<ProfileSyncLog> found = QuarkusTransaction.requiringNew()
                .call(() -> rows.page(
                        wanted,
                        profileId,
                        after == null ? null : after.createdAt(),
                        after == null ? null : after.syncId(),
                        size + 1));
        List<ProfileSyncLog> items = new ArrayList<>(found.subList(0, Math.min(size, found.size())));
        String next = null;
        if (found.size() > size) {
            ProfileSyncLog last = items.get(items.size() - 1);
            next = new SyncLogCursor(status == null ? null : wanted.value(), profileId, last.createdAt, last.syncId)
                    .encode();
        }
        return new Page<>(items, next);
    }

    /**
     * A {@code failed} row back to {@code pending} with a fresh round of attempts, recorded in the audit trail first;
     * the worker picks it up at once.
     */
    public ProfileSyncLog retry(String syncId) {
        UUID id = parseSyncId(syncId);
        ProfileSyncLog current = QuarkusTransaction.requiringNew().call(() -> ProfileSyncLog.findById(id));
        if (current == null) {
            throw ProblemException.notFound("no sync log row " + syncId);
        }
        requireFailed(current);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("syncStatus", current.syncStatus);
        if (current.errorMessage != null) {
            before.put("errorMessage", current.errorMessage);
        }
        AdminAction action = new AdminAction(
                AdminAction.UPDATE,
                RESOURCE_TYPE,
                id.toString(),
                "retry the failed sync of profile " + current.profileId,
                before,
                Map.of("syncStatus", SyncStatus.PENDING.value()));
        ProfileSyncLog requeued = audit.audited(
                action,
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    ProfileSyncLog row = rows.lock(id);
                    requireFailed(row);
                    Map<String, Object> delivery = Delivery.of(row.syncData);
                    delivery.put(Delivery.ATTEMPTS, 0);
                    delivery.remove(Delivery.FAILED_AT);
                    delivery.remove(Delivery.NEXT_ATTEMPT_AT);
                    row.syncData = Delivery.with(row.syncData, delivery);
                    row.syncStatus = SyncStatus.PENDING.value();
                    return row;
                }));
        worker.kick();
        return requeued;
    }

    private static void requireFailed(ProfileSyncLog row) {
        if (!SyncStatus.FAILED.value().equals(row.syncStatus)) {
            throw ProblemException.conflict(
                    "sync log row " + row.syncId + " is " + row.syncStatus + "; only a failed row can be retried");
        }
        if (Boolean.TRUE.equals(row.syncData.get(ProfileChangeIntake.UNRECORDABLE))) {
            throw ProblemException.conflict("sync log row " + row.syncId + " kept no content to retry: "
                    + "fix the profile in coach-service, which sends its next version");
        }
    }

    private static UUID parseSyncId(String syncId) {
        try {
            UUID id = UUID.fromString(syncId);
            if (!id.toString().equalsIgnoreCase(syncId)) {
                throw new IllegalArgumentException("not canonical");
            }
            return id;
        } catch (RuntimeException notAUuid) {
            throw ProblemException.notFound("no sync log row " + syncId);
        }
    }

    private static SyncStatus parseStatus(String status) {
        try {
            SyncStatus parsed = SyncStatus.fromValue(status);
            if (!parsed.value().equals(status)) {
                throw new IllegalArgumentException("case");
            }
            return parsed;
        } catch (RuntimeException unknown) {
            throw ProblemException.invalidField(
                    "status",
                    "must be one of "
                            + Arrays.stream(SyncStatus.values())
                                    .map(SyncStatus::value)
                                    .toList());
        }
    }
}

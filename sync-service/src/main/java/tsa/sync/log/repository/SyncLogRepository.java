package tsa.sync.log.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tsa.model.ProfileSyncLog;
import tsa.model.SyncStatus;

/**
 * {@code profile_sync_log} as a work queue and a history. Claiming is one statement that locks the oldest claimable
 * {@code pending} rows with {@code FOR UPDATE SKIP LOCKED} and turns them {@code processing}, so concurrent workers
 * (threads or replicas) never claim the same row; each claim is counted in the row's delivery state.
 */
@ApplicationScoped
public class SyncLogRepository {

    /** A row this worker now owns: its id and the claim number that proves it. */
    public record Claim(UUID syncId, int claim) {}

    private static final String CLAIM = """
            WITH claimable AS (
                SELECT c.sync_id FROM profile_sync_log c
                WHERE c.sync_status = 'pending' AND %s
                ORDER BY c.created_at, c.sync_id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            UPDATE profile_sync_log l
            SET sync_status = 'processing',
                sync_data = jsonb_set(COALESCE(l.sync_data, jsonb_build_object()), ARRAY['delivery'],
                    COALESCE(l.sync_data -> 'delivery', jsonb_build_object())
                    || jsonb_build_object(
                        'claimedAt', CAST(:now AS text),
                        'claims', COALESCE(CAST(l.sync_data -> 'delivery' ->> 'claims' AS integer), 0) + 1))
            FROM claimable
            WHERE l.sync_id = claimable.sync_id
            RETURNING CAST(l.sync_id AS text), CAST(l.sync_data -> 'delivery' ->> 'claims' AS integer)
            """;

    @Inject
    EntityManager em;

    /** Claims up to {@code limit} rows that are pending and due at {@code now} (a fixed-width UTC timestamp). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claim(int limit, String now) {
        return claims(em.createNativeQuery(CLAIM.formatted(
                        "COALESCE(c.sync_data -> 'delivery' ->> 'nextAttemptAt', '') <= CAST(:now AS text)"))
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Claims one row if it is pending (whatever its next attempt time): for work that must happen now. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claimNow(UUID syncId, String now) {
        return claims(em.createNativeQuery(CLAIM.formatted("c.sync_id = CAST(:id AS uuid)"))
                .setParameter("now", now)
                .setParameter("limit", 1)
                .setParameter("id", syncId.toString())
                .getResultList());
    }

    /** Rows left {@code processing} since before {@code claimedBefore} (their worker died) go back to pending. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int releaseAbandoned(String claimedBefore) {
        return em.createNativeQuery("""
                UPDATE profile_sync_log SET sync_status = 'pending'
                WHERE sync_status = 'processing'
                  AND COALESCE(sync_data -> 'delivery' ->> 'claimedAt', '') < CAST(:before AS text)""").setParameter("before", claimedBefore).executeUpdate();
    }

    /** Rows {@code pending} or {@code processing}, and when the oldest of them was created (database time). */
    public record Backlog(long rows, LocalDateTime oldestCreatedAt, LocalDateTime databaseNow) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Backlog backlog() {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT count(*), min(created_at), localtimestamp FROM profile_sync_log
                WHERE sync_status IN ('pending', 'processing')""").getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), toLocal(row[1]), toLocal(row[2]));
    }

    /** Attempt outcomes since {@code since}: rows completed then, and failed attempts recorded then. */
    public record RecentOutcomes(long completed, long failedAttempts) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RecentOutcomes outcomesSince(LocalDateTime since, String sinceText) {
        Number completed =
                (Number) em.createNativeQuery("""
                SELECT count(*) FROM profile_sync_log
                WHERE sync_status = 'completed' AND completed_at >= :since""").setParameter("since", since).getSingleResult();
        // Each failed attempt's time is kept in the row's delivery state (a round's worth at most).
        Number failed = (Number)
                em.createNativeQuery("""
                SELECT count(*) FROM profile_sync_log l,
                    jsonb_array_elements_text(l.sync_data -> 'delivery' -> 'failedAt') AS f(at)
                WHERE jsonb_typeof(l.sync_data -> 'delivery' -> 'failedAt') = 'array'
                  AND f.at >= CAST(:since AS text)""").setParameter("since", sinceText).getSingleResult();
        return new RecentOutcomes(completed.longValue(), failed.longValue());
    }

    /** The row, locked for this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProfileSyncLog lock(UUID syncId) {
        return em.find(ProfileSyncLog.class, syncId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** A page of the log, newest first, after the position {@code after} (exclusive) when given. */
    public List<ProfileSyncLog> page(
            SyncStatus status, String profileId, LocalDateTime afterCreatedAt, UUID afterSyncId, int size) {
        StringBuilder query = new StringBuilder("from ProfileSyncLog where 1 = 1");
        Map<String, Object> parameters = new java.util.HashMap<>();
        if (status != null) {
            query.append(" and syncStatus = :status");
            parameters.put("status", status.value());
        }
        if (profileId != null) {
            query.append(" and profileId = :profileId");
            parameters.put("profileId", profileId);
        }
        if (afterCreatedAt != null) {
            query.append(" and (createdAt < :createdAt or (createdAt = :createdAt and syncId < :syncId))");
            parameters.put("createdAt", afterCreatedAt);
            parameters.put("syncId", afterSyncId);
        }
        query.append(" order by createdAt desc, syncId desc");
        var typed = em.createQuery(query.toString(), ProfileSyncLog.class).setMaxResults(size);
        parameters.forEach(typed::setParameter);
        return typed.getResultList();
    }

    @SuppressWarnings("unchecked")
    private static List<Claim> claims(List<?> rows) {
        return ((List<Object[]>) rows)
                .stream()
                        .map(r -> new Claim(UUID.fromString(r[0].toString()), ((Number) r[1]).intValue()))
                        .toList();
    }

    private static LocalDateTime toLocal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime local) {
            return local;
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}

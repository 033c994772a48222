package tsa.sync.log.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import tsa.model.ProfileSyncLog;
import tsa.model.SyncStatus;
import tsa.model.SyncType;
import tsa.runtime.problem.ProblemException;
import tsa.sync.status.service.SyncMetrics;

/**
 * Records profile changes as {@code pending} {@code profile_sync_log} rows ({@code sync_data} = the snapshot with
 * its version, plus where it came from) and leaves their processing to the {@link SyncWorker}.
 */
@ApplicationScoped
public class ProfileChangeIntake {

    private static final Logger LOG = Logger.getLogger(ProfileChangeIntake.class);

    public static final String SOURCE = "source";
    public static final String FROM_COACH_SERVICE = "coach-service";
    public static final String FROM_RECONCILIATION = "reconciliation";
    public static final String RECONCILIATION_ID = "reconciliationId";

    /** Marks, in {@code sync_data}, a change kept only as a failure: its content could never be stored. */
    public static final String UNRECORDABLE = "unrecordable";

    @Inject
    SyncWorker worker;

    @Inject
    SyncMetrics metrics;

    /**
     * A change coach-service sent: recorded (committed) and handed to the worker; answered at once. A change whose
     * content PostgreSQL can never store (a data exception, such as a NUL in a name) is not sent back to be retried
     * forever: it is recorded as {@code failed} with its reason and without its content, counted as a final failure,
     * and acknowledged, so an admin sees it in the sync log and the coach's next edit sends a new version.
     */
    public ProfileSyncLog receive(SyncType type, ProfileSnapshot profile) {
        ProfileSyncLog row;
        try {
            row = record(type, profile, Map.of(SOURCE, FROM_COACH_SERVICE));
        } catch (RuntimeException e) {
            if (isDataException(e)) {
                return recordUnrecordable(type, profile, e);
            }
            // Not acknowledged: coach-service keeps the profile marked sync_pending and sends it again.
            LOG.warnf(
                    "profile change of %s not recorded: %s",
                    profile.coachId(), e.getClass().getSimpleName());
            throw ProblemException.unavailable("the change could not be recorded; send it again later");
        }
        worker.kick();
        return row;
    }

    private ProfileSyncLog recordUnrecordable(SyncType type, ProfileSnapshot profile, RuntimeException cause) {
        String state = sqlStateOf(cause);
        String reason = "the change can never be recorded: PostgreSQL refused its content (SQLSTATE " + state
                + "); fix the profile in coach-service, whose next version is sent again";
        ProfileSyncLog row = QuarkusTransaction.requiringNew().call(() -> {
            ProfileSyncLog failed = new ProfileSyncLog();
            failed.profileId = profile.coachId();
            failed.syncType = type.value();
            failed.syncStatus = SyncStatus.FAILED.value();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("coachId", profile.coachId());
            data.put("version", profile.version());
            data.put(SOURCE, FROM_COACH_SERVICE);
            data.put(UNRECORDABLE, true);
            failed.syncData = data;
            failed.errorMessage = reason;
            failed.persist();
            failed.flush();
            return failed;
        });
        metrics.failed(type.value(), "unrecordable", true);
        LOG.warnf(
                "profile change of %s version %d recorded as failed: its content can never be stored (SQLSTATE %s)",
                profile.coachId(), profile.version(), state);
        return row;
    }

    /** SQLSTATE class 22, "data exception": the values themselves are wrong, so sending them again can't help. */
    static boolean isDataException(Throwable e) {
        String state = sqlStateOf(e);
        return state != null && state.startsWith("22");
    }

    private static String sqlStateOf(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** Records a change in a transaction of its own, without processing it. */
    public ProfileSyncLog record(SyncType type, ProfileSnapshot profile, Map<String, Object> provenance) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ProfileSyncLog row = new ProfileSyncLog();
            row.profileId = profile.coachId();
            row.syncType = type.value();
            row.syncStatus = SyncStatus.PENDING.value();
            Map<String, Object> data = profile.toSyncData();
            data.putAll(provenance);
            row.syncData = data;
            row.persist();
            row.flush();
            return row;
        });
    }
}

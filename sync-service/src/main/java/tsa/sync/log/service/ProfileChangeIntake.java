package tsa.sync.log.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;
import tsa.model.ProfileSyncLog;
import tsa.model.SyncStatus;
import tsa.model.SyncType;
import tsa.runtime.problem.ProblemException;

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

    @Inject
    SyncWorker worker;

    /** A change coach-service sent: recorded (committed) and handed to the worker; answered at once. */
    public ProfileSyncLog receive(SyncType type, ProfileSnapshot profile) {
        ProfileSyncLog row;
        try {
            row = record(type, profile, Map.of(SOURCE, FROM_COACH_SERVICE));
        } catch (RuntimeException e) {
            // Not acknowledged: coach-service keeps the profile marked sync_pending and sends it again.
            LOG.warnf("profile change of %s not recorded: %s", profile.coachId(), e.toString());
            throw ProblemException.unavailable("the change could not be recorded; send it again later");
        }
        worker.kick();
        return row;
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

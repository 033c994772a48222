package tsa.coach.profile.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;
import tsa.coach.client.ProfileChangeNotice;
import tsa.coach.client.SyncServiceClient;
import tsa.coach.profile.store.CoachProfile;
import tsa.coach.profile.store.ProfileStore;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.paging.PageRequest;

/**
 * Gets every profile version to sync-service, never losing one. Each write marks the profile {@code sync_pending} in
 * the same conditional write; this class then sends the change, and sync-service's acknowledgement removes the mark
 * if the profile is still at the version sent. Whatever is still marked (sync-service was down, the process stopped
 * between the write and the send) is found in the sparse {@code sync-pending-index} and re-sent by a scheduled job.
 * A version sync-service refuses as it stands (a 4xx: it records everything it can, even a change it can never store,
 * so a refusal means the two services disagree on the contract) stays pending and is tried again on every run (it goes
 * through once a deployment settles the disagreement), is counted in {@code tsa.profile.sync.refused} and logged at
 * error each time, and never holds up the versions waiting behind it.
 */
@ApplicationScoped
public class ProfileSync {

    private static final Logger LOG = Logger.getLogger(ProfileSync.class);

    private final ProfileStore store;
    private final SyncServiceClient sync;
    private final ProfileSyncSettings settings;
    private final Counter refused;

    /** What became of one attempt to hand a profile version to sync-service. */
    enum Delivery {
        /** sync-service took it (202); the pending mark is gone unless a newer version was written meanwhile. */
        ACKNOWLEDGED,
        /** sync-service refused it as it stands (4xx): asking again unchanged helps only once a deployment does. */
        REFUSED,
        /** sync-service could not be reached, failed or its circuit is open: later attempts may succeed. */
        UNAVAILABLE
    }

    @Inject
    public ProfileSync(
            ProfileStore store, SyncServiceClient sync, ProfileSyncSettings settings, MeterRegistry registry) {
        this.store = store;
        this.sync = sync;
        this.settings = settings;
        this.refused = Counter.builder("tsa.profile.sync.refused")
                .description("Profile versions sync-service refused as they stand (4xx); they stay sync_pending")
                .register(registry);
    }

    /**
     * Sends this version of the profile; true when sync-service acknowledged it (and the mark is gone unless a newer
     * version was written meanwhile). Never throws: a profile write must not fail because sync-service does.
     */
    public boolean send(CoachProfile profile) {
        return deliver(profile) == Delivery.ACKNOWLEDGED;
    }

    Delivery deliver(CoachProfile profile) {
        try {
            sync.deliver(noticeOf(profile));
            store.clearSyncPending(profile.coachId(), profile.version());
            return Delivery.ACKNOWLEDGED;
        } catch (RemoteFailure.Rejected | RemoteFailure.Conflict | RemoteFailure.NotFound e) {
            refused.increment();
            LOG.errorf(
                    "sync-service refused profile %s version %d (%s); it stays sync_pending and is tried again on"
                            + " the next runs, without holding up other profiles",
                    profile.coachId(), profile.version(), e.getMessage());
            return Delivery.REFUSED;
        } catch (RuntimeException e) {
            LOG.warnf(
                    "profile %s version %d not sent to sync-service (%s); it stays sync_pending",
                    profile.coachId(), profile.version(), e.getMessage());
            return Delivery.UNAVAILABLE;
        }
    }

    /** Set once start-up (table provisioning included, at default priority) is over. */
    private volatile boolean started;

    void started(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) StartupEvent event) {
        started = true;
        LOG.debugf(
                "profile changes sync-service has not acknowledged are re-sent every %s, %d at most per run",
                settings.resendEvery(), settings.resendBatch());
    }

    @Scheduled(
            identity = "profile-sync-resend",
            every = "${tsa.profile-sync.resend-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resendOnSchedule() {
        if (!started) {
            return;
        }
        try {
            int sent = resendPending();
            if (sent > 0) {
                LOG.infof("re-sent %d profile change(s) to sync-service", sent);
            }
        } catch (RuntimeException e) {
            // DynamoDB unreachable, say: nothing is lost, the profiles stay marked for the next run.
            LOG.warnf("re-sending pending profile changes failed this time: %s", e.getMessage());
        }
    }

    /**
     * Re-sends the profiles still marked {@code sync_pending}, longest waiting first, up to the batch size; passes over
     * one sync-service refuses and stops at the first it can't take at all (it is down: the next run tries again).
     * Returns how many were acknowledged.
     */
    public int resendPending() {
        int budget = settings.resendBatch();
        int acknowledged = 0;
        String cursor = null;
        do {
            var page = store.syncPending(
                    new PageRequest(Integer.toString(Math.min(budget, PageRequest.MAX_LIMIT)), cursor));
            for (CoachProfile listed : page.items()) {
                budget--;
                // The index is eventually consistent: send what the table holds now, if it still waits.
                CoachProfile current = store.find(listed.coachId()).orElse(null);
                if (current == null || current.syncPending() == null) {
                    continue;
                }
                Delivery delivery = deliver(current);
                if (delivery == Delivery.UNAVAILABLE) {
                    return acknowledged;
                }
                if (delivery == Delivery.ACKNOWLEDGED) {
                    acknowledged++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null && budget > 0);
        return acknowledged;
    }

    static ProfileChangeNotice noticeOf(CoachProfile p) {
        ProfileChangeNotice.ChangeType type = p.version() != null && p.version() == 1L
                ? ProfileChangeNotice.ChangeType.CREATE
                : ProfileChangeNotice.ChangeType.UPDATE;
        return new ProfileChangeNotice(
                type,
                p.coachId(),
                p.version(),
                p.firstName(),
                p.lastName(),
                p.email(),
                p.phone(),
                p.schoolId(),
                p.sportSpecialties(),
                p.profileStatus(),
                p.createdAt(),
                p.updatedAt());
    }
}

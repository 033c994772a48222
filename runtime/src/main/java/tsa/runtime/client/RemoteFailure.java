package tsa.runtime.client;

import tsa.runtime.problem.ProblemException;

/**
 * How a call to another TSA service failed, as this service sees it: one of four outcomes, each a problem of its
 * own, so that a caller that does not handle it still answers with the right problem+json. {@link RemoteCalls} makes
 * them out of what a generated REST client throws; {@link RemoteServiceInterceptor} out of a timeout or an open
 * circuit.
 */
public abstract sealed class RemoteFailure extends ProblemException
        permits RemoteFailure.NotFound, RemoteFailure.Conflict, RemoteFailure.Rejected, RemoteFailure.Unavailable {

    private final String service;

    RemoteFailure(int status, String kind, String title, String service, String detail) {
        super(status, kind, title, detail);
        this.service = service;
    }

    /** The other service's name: "coach-service". */
    public String service() {
        return service;
    }

    /** The other service knows no such thing (its 404). Where "none" is an answer, use {@link RemoteCalls#find}. */
    public static final class NotFound extends RemoteFailure {
        public NotFound(String service, String detail) {
            super(404, "not-found", "Not found", service, detail);
        }
    }

    /** The other service refused the change in the state the thing is in (its 409). */
    public static final class Conflict extends RemoteFailure {
        public Conflict(String service, String detail) {
            super(409, "conflict", "Conflict", service, detail);
        }
    }

    /**
     * The other service refused the request as it stands (any other 4xx but 401, 403, 408 and 429): asking again
     * unchanged will not help, so it is neither retried nor counted against the circuit.
     */
    public static final class Rejected extends RemoteFailure {
        private final int remoteStatus;

        public Rejected(String service, int remoteStatus, String detail) {
            super(400, "bad-request", "Bad request", service, detail);
            this.remoteStatus = remoteStatus;
        }

        public int remoteStatus() {
            return remoteStatus;
        }
    }

    /**
     * The other service could not be reached, failed (5xx), was too slow, refused our service token, or its circuit
     * is open: the call may succeed later (503 with Retry-After). The only outcome that is retried and that counts
     * against the circuit.
     */
    public static final class Unavailable extends RemoteFailure {
        public Unavailable(String service, String detail) {
            super(503, "unavailable", "Service unavailable", service, detail);
        }
    }
}

package tsa.sync.client;

/**
 * Another TSA service could not be reached, timed out, failed, or its circuit is open: the call may succeed later.
 * Callers turn it into a 503 (or a retry of the sync row).
 */
public class RemoteServiceException extends RuntimeException {

    private final String service;

    public RemoteServiceException(String service, String detail) {
        super(service + ": " + detail);
        this.service = service;
    }

    public String service() {
        return service;
    }
}

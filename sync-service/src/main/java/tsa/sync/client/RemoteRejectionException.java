package tsa.sync.client;

/**
 * Another TSA service answered, and refused the request (a 4xx other than 404 where that means "none"): asking
 * again unchanged will not help, so it is neither retried nor counted against the circuit.
 */
public class RemoteRejectionException extends RemoteServiceException {

    private final int status;

    public RemoteRejectionException(String service, int status, String detail) {
        super(service, "refused with " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
    }

    public int status() {
        return status;
    }
}

package tsa.runtime.problem;

/**
 * Another service did not answer, or answered with an error that is not the caller's fault: 503. Client wrappers
 * retry on it and count it in their circuit breakers; a 4xx from the other service is not this.
 */
public class RemoteUnavailable extends ProblemException {

    public RemoteUnavailable(String detail) {
        super(503, "unavailable", "Service unavailable", detail);
    }
}

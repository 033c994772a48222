package tsa.sync.apiclient.service;

/** An OAuth 2 token-endpoint error (RFC 6749 section 5.2): answered as {@code {"error": ...}}, not problem+json. */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthException(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public static OAuthException invalidClient() {
        return new OAuthException(401, "invalid_client", "client authentication failed");
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}

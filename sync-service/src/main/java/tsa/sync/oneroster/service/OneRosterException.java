package tsa.sync.oneroster.service;

/** A refused OneRoster request, answered as {@code imsx_StatusInfo} with its HTTP status and code minor. */
public class OneRosterException extends RuntimeException {

    private final int status;
    private final String codeMinor;

    public OneRosterException(int status, String codeMinor, String description) {
        super(description);
        this.status = status;
        this.codeMinor = codeMinor;
    }

    public static OneRosterException unauthorised() {
        return new OneRosterException(401, "unauthorisedrequest", "a valid bearer access token is required");
    }

    public int status() {
        return status;
    }

    public String codeMinor() {
        return codeMinor;
    }
}

package tsa.sync.organization.service;

/** A coach names a school that has no {@code schools} row: their change can't be synced until it exists. */
public class SchoolNotFoundException extends RuntimeException {

    public SchoolNotFoundException(String schoolId) {
        super("school " + schoolId + " does not exist in schools");
    }
}

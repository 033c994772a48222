package tsa.admin.audit.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.text.EmailAddress;

/**
 * A query of the audit trail (contract: {@code listAuditLogs}): by admin or by action type, exactly one of them,
 * with an optional {@code [from, to)} range on {@code timestamp}.
 */
public record AuditQuery(String adminEmail, String actionType, Instant from, Instant to, int limit, String cursor) {

    /** Reads the query parameters as given; every mistake in them is a 400 naming the parameter. */
    public static AuditQuery of(String adminEmail, String actionType, String from, String to, PageRequest page) {
        String admin = blankToNull(adminEmail);
        String type = blankToNull(actionType);
        if ((admin == null) == (type == null)) {
            throw ProblemException.badRequest("give exactly one of adminEmail or actionType");
        }
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && since.isAfter(until)) {
            throw ProblemException.invalidField("from", "must not be after to");
        }
        return new AuditQuery(EmailAddress.normal(admin), type, since, until, page.size(), page.cursor());
    }

    public boolean byAdmin() {
        return adminEmail != null;
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(
                    name, "must be an ISO-8601 date-time with a zone offset, " + "e.g. 2024-12-01T10:00:00Z");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}

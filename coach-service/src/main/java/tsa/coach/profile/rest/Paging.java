package tsa.coach.profile.rest;

import tsa.runtime.problem.ProblemException;

/** The contract's {@code limit} and {@code cursor} query parameters, read as text so a bad value is a 400. */
final class Paging {

    private Paging() {
    }

    static Integer limit(String limit) {
        if (limit == null) {
            return null;
        }
        if (!limit.matches("[0-9]{1,3}")) {
            throw ProblemException.invalidField("limit", "must be an integer between 1 and 100");
        }
        return Integer.valueOf(limit);
    }

    static String cursor(String cursor) {
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 2048)) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
        }
        return cursor;
    }
}

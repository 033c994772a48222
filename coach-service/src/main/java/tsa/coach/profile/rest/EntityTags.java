package tsa.coach.profile.rest;

import jakarta.ws.rs.core.EntityTag;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tsa.runtime.problem.ProblemException;

/** A profile's version as a strong entity tag ({@code "3"}), and the versions an If-Match header names. */
final class EntityTags {

    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([^\"]*)\"\\s*");

    private EntityTags() {}

    static EntityTag of(Long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The versions an If-Match header names, for strong comparison (RFC 9110): null when the header is absent (or
     * {@code *}, which names no version and so cannot protect an edit: both 428); weak and foreign tags name none
     * and so match nothing (412); text that is not a list of entity tags is a 400.
     */
    static Set<Long> ifMatchVersions(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Set<Long> versions = new LinkedHashSet<>();
        for (String element : header.split(",")) {
            Matcher tag = TAG.matcher(element);
            if (!tag.matches()) {
                throw ProblemException.invalidField("If-Match", "must be the ETag of your last read, e.g. \"3\"");
            }
            if (tag.group(1) == null && tag.group(2).matches("[0-9]{1,18}")) {
                versions.add(Long.parseLong(tag.group(2)));
            }
        }
        return versions;
    }
}

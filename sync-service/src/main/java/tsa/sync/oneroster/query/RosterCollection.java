package tsa.sync.oneroster.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A OneRoster collection served from the compliance tables: the rows it reads (a derived table {@code p}), the fixed
 * condition that makes it this collection (a caller's filter is ANDed to it in its own parentheses, so it can only
 * narrow), its filterable fields and the top-level properties its schema allows in {@code fields}.
 */
public record RosterCollection(
        String path,
        String collectionKey,
        String singleKey,
        Kind kind,
        String source,
        String fixedCondition,
        Map<String, RosterField> fields,
        Set<String> selectable) {

    public enum Kind {
        ORG,
        USER
    }

    /** OrgDType's properties in the official document. */
    private static final Set<String> ORG_PROPERTIES = Set.of(
            "sourcedId", "status", "dateLastModified", "metadata", "name", "type", "identifier", "parent", "children");
    /** UserDType's properties in the official document. */
    private static final Set<String> USER_PROPERTIES = Set.of(
            "sourcedId",
            "status",
            "dateLastModified",
            "metadata",
            "userMasterIdentifier",
            "username",
            "userIds",
            "enabledUser",
            "givenName",
            "familyName",
            "middleName",
            "preferredFirstName",
            "preferredMiddleName",
            "preferredLastName",
            "pronouns",
            "roles",
            "userProfiles",
            "primaryOrg",
            "identifier",
            "email",
            "sms",
            "phone",
            "agents",
            "grades",
            "password",
            "resources");

    private static final String ORG_SOURCE = "(SELECT o.sourced_id, o.status, o.date_last_modified,"
            + " CAST(o.metadata AS text) AS metadata, o.name, o.type,"
            // identifier is required by OrgDType; a row without one is identified by its sourcedId (the school id).
            + " COALESCE(o.identifier, o.sourced_id) AS identifier, o.parent_id,"
            + " (SELECT CAST(jsonb_agg(c.sourced_id ORDER BY c.sourced_id) AS text) FROM organizations c"
            + " WHERE c.parent_id = o.sourced_id) AS children"
            + " FROM organizations o) p";

    /**
     * People: every users row, plus each Ed-Fi student that has no users row of the same id, as a student whose
     * sourcedId is its studentUniqueId (stable across runs) and whose orgs are the schools of its open associations.
     */
    private static final String USER_SOURCE = "(SELECT u.sourced_id, u.status, u.date_last_modified,"
            + " CAST(u.metadata AS text) AS metadata, u.username, u.enabled_user, u.given_name, u.family_name,"
            + " u.middle_name, u.role, u.email, u.phone, u.org_ids, CAST(u.grades AS text) AS grades FROM users u"
            + " UNION ALL"
            + " SELECT s.student_unique_id, 'active', s._last_modified_date, NULL, NULL, true, s.first_name,"
            + " s.last_name, s.middle_name, 'student', NULL, NULL,"
            + " (SELECT jsonb_agg(DISTINCT CAST(a.school_id AS text)) FROM student_school_associations a"
            + " WHERE a.student_unique_id = s.student_unique_id AND a.exit_withdraw_date IS NULL), NULL"
            + " FROM students s WHERE NOT EXISTS (SELECT 1 FROM users x WHERE x.sourced_id = s.student_unique_id)) p";

    /** RoleDType needs an org and UserDType at least one role: people without an org are not rostered. */
    private static final String HAS_ORG =
            "CASE WHEN jsonb_typeof(p.org_ids) = 'array'" + " THEN jsonb_array_length(p.org_ids) > 0 ELSE false END";

    public static final RosterCollection ORGS = org("orgs", "TRUE");
    public static final RosterCollection SCHOOLS = org("schools", "p.type = 'school'");
    public static final RosterCollection USERS = user("users", HAS_ORG);
    public static final RosterCollection STUDENTS = user("students", HAS_ORG + " AND p.role = 'student'");
    public static final RosterCollection TEACHERS = user("teachers", HAS_ORG + " AND p.role = 'teacher'");

    public static final List<RosterCollection> ALL = List.of(ORGS, SCHOOLS, USERS, STUDENTS, TEACHERS);

    private static RosterCollection org(String path, String condition) {
        Map<String, RosterField> fields = byName(List.of(
                RosterField.text("sourcedId", "p.sourced_id"),
                RosterField.text("status", "p.status"),
                RosterField.timestamp("dateLastModified", "p.date_last_modified"),
                RosterField.text("name", "p.name"),
                RosterField.text("type", "p.type"),
                RosterField.text("identifier", "p.identifier"),
                RosterField.text("parent.sourcedId", "p.parent_id")));
        return new RosterCollection(path, "orgs", "org", Kind.ORG, ORG_SOURCE, condition, fields, ORG_PROPERTIES);
    }

    private static RosterCollection user(String path, String condition) {
        Map<String, RosterField> fields = byName(List.of(
                RosterField.text("sourcedId", "p.sourced_id"),
                RosterField.text("status", "p.status"),
                RosterField.timestamp("dateLastModified", "p.date_last_modified"),
                RosterField.text("username", "p.username"),
                RosterField.bool("enabledUser", "p.enabled_user"),
                RosterField.text("givenName", "p.given_name"),
                RosterField.text("familyName", "p.family_name"),
                RosterField.text("middleName", "p.middle_name"),
                RosterField.text("email", "p.email"),
                RosterField.text("phone", "p.phone"),
                new RosterField("roles.role", "p.role", RosterField.Kind.ROLE, false),
                new RosterField("roles.roleType", "'primary'", RosterField.Kind.TEXT, false),
                new RosterField("roles.org.sourcedId", "p.org_ids", RosterField.Kind.ORG_MEMBER, false),
                // The first org is indexed with the role (idx_users_role_org).
                RosterField.text("primaryOrg.sourcedId", "(p.org_ids->>0)")));
        return new RosterCollection(path, "users", "user", Kind.USER, USER_SOURCE, condition, fields, USER_PROPERTIES);
    }

    private static Map<String, RosterField> byName(List<RosterField> fields) {
        Map<String, RosterField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return Map.copyOf(byName);
    }
}

package tsa.sync.oneroster;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tsa.sync.SyncFixtures;

/**
 * A small roster of its own for one test class: a district, a school, three teachers (one disabled), a student user,
 * an administrator, a parent without an org, and an Ed-Fi student with no users row. Every name carries the marker,
 * so filters on it see only these rows; {@link #remove()} takes them away again (the reconciliation would otherwise
 * find teacher rows without profiles).
 */
final class RosterData {

    final String marker = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final String district = Integer.toString(SyncFixtures.newDistrictId());
    final String school;
    final String teacherA = marker + "-t-a";
    final String teacherB = marker + "-t-b";
    final String teacherOff = marker + "-t-off";
    final String studentUser = marker + "-s-user";
    final String administrator = marker + "-admin";
    final String parentWithoutOrg = marker + "-parent";
    final String edFiStudent = marker + "-edfi";

    RosterData() {
        school = SyncFixtures.newSchool("Roster " + marker + " Academy", Integer.parseInt(district));
        SyncFixtures.sql(
                "INSERT INTO organizations (sourced_id, name, type) VALUES (?, ?, 'district')"
                        + " ON CONFLICT (sourced_id) DO UPDATE SET name = EXCLUDED.name",
                district,
                "LEA " + marker);
        SyncFixtures.sql(
                "INSERT INTO organizations (sourced_id, name, type, identifier, parent_id)"
                        + " VALUES (?, ?, 'school', ?, ?)",
                school,
                "Roster " + marker + " Academy",
                "TX-" + school,
                district);
        user(teacherA, "teacher", "Ada", "Avery", true, "[\"" + school + "\"]", null);
        user(teacherB, "teacher", "Bo", "O'Brien", true, "[\"" + school + "\", \"" + district + "\"]", null);
        user(teacherOff, "teacher", "Cy", "Cole", false, "[\"" + school + "\"]", null);
        user(studentUser, "student", "Di", "Dunn", true, "[\"" + school + "\"]", "[\"05\"]");
        user(administrator, "administrator", "Ed", "Eves", true, "[\"" + district + "\"]", null);
        user(parentWithoutOrg, "parent", "Flo", "Fox", true, null, null);
        int usi = ThreadLocalRandom.current().nextInt(500_000_000, 599_999_999);
        SyncFixtures.sql(
                "INSERT INTO students (student_unique_id, student_usi, first_name, last_name)"
                        + " VALUES (?, ?, 'Gus', ?)",
                edFiStudent,
                usi,
                "Gray" + marker);
        SyncFixtures.sql(
                "INSERT INTO student_school_associations (student_unique_id, school_id, entry_date,"
                        + " school_year) VALUES (?, ?, DATE '2026-08-20', 2027)",
                edFiStudent,
                Integer.valueOf(school));
    }

    String email(String sourcedId) {
        return sourcedId + "@roster.example";
    }

    private void user(
            String id, String role, String given, String family, boolean enabled, String orgs, String grades) {
        SyncFixtures.sql(
                "INSERT INTO users (sourced_id, given_name, family_name, role, email, enabled_user,"
                        + " org_ids, grades) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))",
                id,
                given,
                family,
                role,
                email(id),
                enabled,
                orgs,
                grades);
    }

    void remove() {
        SyncFixtures.sql("DELETE FROM users WHERE sourced_id LIKE ?", marker + "%");
        SyncFixtures.sql("DELETE FROM student_school_associations WHERE student_unique_id = ?", edFiStudent);
        SyncFixtures.sql("DELETE FROM students WHERE student_unique_id = ?", edFiStudent);
    }
}

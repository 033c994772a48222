package tsa.sync.edfi.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tsa.model.School;
import tsa.model.Student;
import tsa.model.StudentSchoolAssociation;
import tsa.model.StudentSchoolAssociationId;
import tsa.sync.copy.service.OperationalCopies;
import tsa.sync.copy.service.OperationalCopies.RowWritten;
import tsa.sync.copy.service.OperationalCopies.StudentWritten;
import tsa.sync.edfi.config.EdFiDescriptors;
import tsa.sync.organization.service.SchoolOrganizations;

/**
 * The Ed-Fi schools, students and studentSchoolAssociations over the seed's tables. Each write is one PostgreSQL
 * transaction; the operational copies follow after commit as for every other writer of these rows (a school's
 * organizations rows in the same transaction, the student's DynamoDB copy after it, repaired by the reconciliation).
 */
@ApplicationScoped
public class EdFiResources {

    public static final String SCHOOLS = "schools";
    public static final String STUDENTS = "students";
    public static final String ASSOCIATIONS = "studentSchoolAssociations";

    @Inject
    EntityManager em;

    @Inject
    EdFiDescriptors descriptors;

    @Inject
    SchoolOrganizations organizations;

    @Inject
    Event<RowWritten> written;

    /** The resource, its id and its etag, as written or read. */
    public record Item(String id, String etag, Map<String, Object> body) {}

    /** A page and, when asked for, the total. */
    public record Page(List<Map<String, Object>> items, Long total) {}

    /** POST: true in {@code created} when the natural key was new. */
    public record Upserted(Item item, boolean created) {}

    // ---- ids: the natural key, reversibly encoded, so the id is stable and a lookup is a key lookup --------------

    static String idOf(String resource, String naturalKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((resource + "|" + naturalKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The natural key of an id of that resource; 404 for anything else. */
    static String keyOf(String resource, String id) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            if (decoded.startsWith(resource + "|")) {
                return decoded.substring(resource.length() + 1);
            }
        } catch (IllegalArgumentException notOurs) {
            // falls through
        }
        throw EdFiException.notFound();
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    /** One page of a query's items; {@code limit=0} asks only for the count, so no item is read. */
    private static <T> List<Map<String, Object>> slice(
            io.quarkus.hibernate.orm.panache.PanacheQuery<T> query,
            int offset,
            int limit,
            java.util.function.Function<T, Map<String, Object>> body) {
        if (limit == 0) {
            return List.of();
        }
        return query.range(offset, offset + limit - 1).list().stream().map(body).toList();
    }

    public Page list(String resource, Map<String, String> naturalKey, int offset, int limit, boolean totalCount) {
        return QuarkusTransaction.requiringNew().call(() -> switch (resource) {
            case SCHOOLS -> {
                Integer schoolId = intParameter(naturalKey.get("schoolId"), "schoolId");
                String where = schoolId == null ? "" : "schoolId = ?1";
                Object[] args = schoolId == null ? new Object[0] : new Object[] {schoolId};
                var query = School.<School>find(where + (where.isEmpty() ? "" : " ") + "order by schoolId", args);
                yield new Page(
                        slice(query, offset, limit, s -> schoolItem(s).body()), totalCount ? query.count() : null);
            }
            case STUDENTS -> {
                String id = naturalKey.get("studentUniqueId");
                var query = id == null
                        ? Student.<Student>find("order by studentUniqueId")
                        : Student.<Student>find("studentUniqueId = ?1 order by studentUniqueId", id);
                yield new Page(
                        slice(query, offset, limit, s -> studentItem(s).body()), totalCount ? query.count() : null);
            }
            default -> {
                List<String> clauses = new ArrayList<>();
                Map<String, Object> args = new LinkedHashMap<>();
                Integer schoolId = intParameter(naturalKey.get("schoolId"), "schoolId");
                if (schoolId != null) {
                    clauses.add("schoolId = :schoolId");
                    args.put("schoolId", schoolId);
                }
                if (naturalKey.get("studentUniqueId") != null) {
                    clauses.add("studentUniqueId = :studentUniqueId");
                    args.put("studentUniqueId", naturalKey.get("studentUniqueId"));
                }
                if (naturalKey.get("entryDate") != null) {
                    try {
                        args.put("entryDate", LocalDate.parse(naturalKey.get("entryDate")));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw EdFiException.badRequest("entryDate must be a date (yyyy-mm-dd).");
                    }
                    clauses.add("entryDate = :entryDate");
                }
                String where = String.join(" and ", clauses);
                var query = StudentSchoolAssociation.<StudentSchoolAssociation>find(
                        where + (where.isEmpty() ? "" : " ") + "order by schoolId, studentUniqueId, entryDate", args);
                yield new Page(
                        slice(query, offset, limit, a -> associationItem(a).body()), totalCount ? query.count() : null);
            }
        });
    }

    public Item get(String resource, String id) {
        String key = keyOf(resource, id);
        return QuarkusTransaction.requiringNew().call(() -> switch (resource) {
            case SCHOOLS -> schoolItem(findSchool(key));
            case STUDENTS -> studentItem(findStudent(key));
            default -> associationItem(findAssociation(key));
        });
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    public Upserted post(String resource, String body) {
        EdFiBody parsed = EdFiBody.parse(body);
        Upserted done = QuarkusTransaction.requiringNew().call(() -> switch (resource) {
            case SCHOOLS -> writeSchool(parsed, null, null);
            case STUDENTS -> writeStudent(parsed, null, null);
            default -> writeAssociation(parsed, null, null);
        });
        return done;
    }

    public Item put(String resource, String id, String body, String ifMatch) {
        String key = keyOf(resource, id);
        EdFiBody parsed = EdFiBody.parse(body);
        return QuarkusTransaction.requiringNew()
                .call(() -> switch (resource) {
                    case SCHOOLS -> writeSchool(parsed, key, ifMatch);
                    case STUDENTS -> writeStudent(parsed, key, ifMatch);
                    default -> writeAssociation(parsed, key, ifMatch);
                })
                .item();
    }

    public void delete(String resource, String id, String ifMatch) {
        String key = keyOf(resource, id);
        QuarkusTransaction.requiringNew().run(() -> {
            switch (resource) {
                case SCHOOLS -> {
                    School school = findSchool(key);
                    checkEtag(school.etag, ifMatch);
                    if (StudentSchoolAssociation.count("schoolId", school.schoolId) > 0) {
                        throw EdFiException.dependentItemExists("StudentSchoolAssociation");
                    }
                    school.delete();
                    organizations.retireForSchool(school.schoolId.toString());
                }
                case STUDENTS -> {
                    Student student = findStudent(key);
                    checkEtag(student.etag, ifMatch);
                    if (StudentSchoolAssociation.count("studentUniqueId", student.studentUniqueId) > 0) {
                        throw EdFiException.dependentItemExists("StudentSchoolAssociation");
                    }
                    student.delete();
                }
                default -> {
                    StudentSchoolAssociation association = findAssociation(key);
                    checkEtag(association.etag, ifMatch);
                    association.delete();
                }
            }
        });
    }

    private Upserted writeSchool(EdFiBody body, String keyOfId, String ifMatch) {
        JsonNode root = body.root();
        Integer schoolId = body.integer(root, "$", "schoolId", true);
        String name = body.string(root, "$", "nameOfInstitution", true, 255);
        String shortName = body.string(root, "$", "shortNameOfInstitution", false, 100);
        String webSite = body.string(root, "$", "webSite", false, 255);
        List<JsonNode> categories = body.objects("educationOrganizationCategories", true);
        for (int i = 0; i < categories.size(); i++) {
            descriptor(
                    body,
                    categories.get(i),
                    "$.educationOrganizationCategories[" + i + "]",
                    "educationOrganizationCategoryDescriptor",
                    "EducationOrganizationCategoryDescriptor",
                    descriptors.educationOrganizationCategories(),
                    true);
        }
        List<Map<String, Object>> grades = new ArrayList<>();
        List<JsonNode> gradeNodes = body.objects("gradeLevels", true);
        for (int i = 0; i < gradeNodes.size(); i++) {
            String code = descriptor(
                    body,
                    gradeNodes.get(i),
                    "$.gradeLevels[" + i + "]",
                    "gradeLevelDescriptor",
                    "GradeLevelDescriptor",
                    descriptors.gradeLevels(),
                    true);
            if (code != null) {
                grades.add(Map.of("gradeLevelDescriptor", uri("GradeLevelDescriptor", code)));
            }
        }
        List<Map<String, Object>> addresses = new ArrayList<>();
        List<JsonNode> addressNodes = body.objects("addresses", false);
        for (int i = 0; i < addressNodes.size(); i++) {
            JsonNode a = addressNodes.get(i);
            String at = "$.addresses[" + i + "]";
            String type = descriptor(
                    body, a, at, "addressTypeDescriptor", "AddressTypeDescriptor", descriptors.addressTypes(), true);
            String state = descriptor(
                    body,
                    a,
                    at,
                    "stateAbbreviationDescriptor",
                    "StateAbbreviationDescriptor",
                    descriptors.stateAbbreviations(),
                    true);
            String street = body.string(a, at, "streetNumberName", true, 150);
            String city = body.string(a, at, "city", true, 30);
            String postal = body.string(a, at, "postalCode", true, 17);
            if (type != null && state != null && street != null && city != null && postal != null) {
                Map<String, Object> address = new LinkedHashMap<>();
                address.put("addressTypeDescriptor", uri("AddressTypeDescriptor", type));
                address.put("stateAbbreviationDescriptor", uri("StateAbbreviationDescriptor", state));
                address.put("streetNumberName", street);
                address.put("city", city);
                address.put("postalCode", postal);
                addresses.add(address);
            }
        }
        Integer leaId = null;
        JsonNode lea = body.object("localEducationAgencyReference", false);
        if (lea != null) {
            leaId = body.integer(lea, "$.localEducationAgencyReference", "localEducationAgencyId", true);
        }
        body.check();
        School school = School.findById(schoolId);
        if (keyOfId != null) {
            School target = findSchool(keyOfId);
            if (!target.schoolId.equals(schoolId)) {
                throw EdFiException.keyChange();
            }
            checkEtag(target.etag, ifMatch);
        }
        boolean created = school == null;
        if (created) {
            school = new School();
            school.schoolId = schoolId;
            // The seed requires a state id the Ed-Fi School does not carry: the school id stands in for it.
            school.stateOrganizationId = schoolId.toString();
        }
        school.nameOfInstitution = name;
        school.shortNameOfInstitution = shortName;
        school.webSite = webSite;
        school.gradeLevels = grades;
        school.addresses = addresses;
        school.localEducationAgencyId = leaId;
        if (created) {
            school.persist();
        }
        em.flush();
        organizations.ensureForSchool(schoolId.toString());
        em.flush();
        em.refresh(school);
        return new Upserted(schoolItem(school), created);
    }

    private Upserted writeStudent(EdFiBody body, String keyOfId, String ifMatch) {
        JsonNode root = body.root();
        String uniqueId = body.string(root, "$", "studentUniqueId", true, 32);
        String first = body.string(root, "$", "firstName", true, 75);
        String last = body.string(root, "$", "lastSurname", true, 75);
        String middle = body.string(root, "$", "middleName", false, 75);
        LocalDate birthDate = body.date(root, "$", "birthDate", true);
        body.check();
        if (keyOfId != null) {
            Student target = findStudent(keyOfId);
            if (!target.studentUniqueId.equals(uniqueId)) {
                throw EdFiException.keyChange();
            }
            checkEtag(target.etag, ifMatch);
        }
        Student student = Student.findById(uniqueId);
        boolean created = student == null;
        if (created) {
            student = new Student();
            student.studentUniqueId = uniqueId;
            student.studentUsi = nextStudentUsi();
        }
        student.firstName = first;
        student.lastName = last;
        student.middleName = middle;
        student.birthDate = birthDate;
        if (created) {
            student.persist();
        }
        em.flush();
        em.refresh(student);
        written.fire(new StudentWritten(OperationalCopies.copyOf(student)));
        return new Upserted(studentItem(student), created);
    }

    private Upserted writeAssociation(EdFiBody body, String keyOfId, String ifMatch) {
        JsonNode root = body.root();
        JsonNode schoolRef = body.object("schoolReference", true);
        Integer schoolId = schoolRef == null ? null : body.integer(schoolRef, "$.schoolReference", "schoolId", true);
        JsonNode studentRef = body.object("studentReference", true);
        String uniqueId =
                studentRef == null ? null : body.string(studentRef, "$.studentReference", "studentUniqueId", true, 32);
        LocalDate entryDate = body.date(root, "$", "entryDate", true);
        String grade = descriptor(
                body, root, "$", "entryGradeLevelDescriptor", "GradeLevelDescriptor", descriptors.gradeLevels(), true);
        body.check();
        StudentSchoolAssociationId key = new StudentSchoolAssociationId(uniqueId, schoolId, entryDate);
        if (keyOfId != null) {
            StudentSchoolAssociation target = findAssociation(keyOfId);
            if (!target.id().equals(key)) {
                throw EdFiException.keyChange();
            }
            checkEtag(target.etag, ifMatch);
        }
        if (School.findById(schoolId) == null) {
            throw EdFiException.unresolvedReference("School");
        }
        if (Student.findById(uniqueId) == null) {
            throw EdFiException.unresolvedReference("Student");
        }
        StudentSchoolAssociation association = StudentSchoolAssociation.findById(key);
        boolean created = association == null;
        if (created) {
            association = new StudentSchoolAssociation();
            association.studentUniqueId = uniqueId;
            association.schoolId = schoolId;
            association.entryDate = entryDate;
        }
        // The column keeps the code value, as parent-service's activation writes it ("Ninth grade").
        association.entryGradeLevelDescriptor = grade;
        // The seed requires a school year the Ed-Fi association leaves optional: the year in which the school
        // year of the entry date ends (August starts a new one).
        association.schoolYear = entryDate.getMonthValue() >= 8 ? entryDate.getYear() + 1 : entryDate.getYear();
        if (created) {
            association.persist();
        }
        em.flush();
        em.refresh(association);
        return new Upserted(associationItem(association), created);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String descriptor(
            EdFiBody body,
            JsonNode parent,
            String path,
            String field,
            String descriptorName,
            List<String> allowed,
            boolean required) {
        String value = body.string(parent, path, field, required, 306);
        if (value == null) {
            return null;
        }
        String prefix = descriptors.namespace() + "/" + descriptorName + "#";
        String code = value.startsWith(prefix) ? value.substring(prefix.length()) : null;
        if (code == null || !allowed.contains(code)) {
            body.error(path + "." + field, descriptorName + " value '" + value + "' does not exist.");
            return null;
        }
        return code;
    }

    private String uri(String descriptorName, String code) {
        return descriptors.namespace() + "/" + descriptorName + "#" + code;
    }

    /** A stored grade level, a code value or already a URI, as a URI. */
    private String gradeUri(String stored) {
        if (stored == null) {
            return null;
        }
        return stored.startsWith("uri://") ? stored : uri("GradeLevelDescriptor", stored);
    }

    private static void checkEtag(String current, String ifMatch) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String wanted = ifMatch.trim();
            if (wanted.startsWith("W/")) {
                wanted = wanted.substring(2);
            }
            wanted = wanted.replace("\"", "");
            if (!"*".equals(wanted) && !wanted.equals(current)) {
                throw EdFiException.etagMismatch();
            }
        }
    }

    private int nextStudentUsi() {
        // Serialises the writers that assign the seed's surrogate key, so two never take the same one.
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", Student.USI_LOCK)
                .getSingleResult();
        Number max = (Number) em.createNativeQuery("SELECT COALESCE(MAX(student_usi), 0) FROM students")
                .getSingleResult();
        return max.intValue() + 1;
    }

    private static Integer intParameter(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw EdFiException.badRequest(name + " must be an integer.");
        }
    }

    private static School findSchool(String key) {
        try {
            School school = School.findById(Integer.valueOf(key));
            if (school != null) {
                return school;
            }
        } catch (NumberFormatException e) {
            // not an id of ours
        }
        throw EdFiException.notFound();
    }

    private static Student findStudent(String key) {
        Student student = Student.findById(key);
        if (student == null) {
            throw EdFiException.notFound();
        }
        return student;
    }

    private static StudentSchoolAssociation findAssociation(String key) {
        String[] parts = key.split("\\|", 3);
        try {
            StudentSchoolAssociation found = parts.length != 3
                    ? null
                    : StudentSchoolAssociation.findById(new StudentSchoolAssociationId(
                            parts[2], Integer.valueOf(parts[0]), LocalDate.parse(parts[1])));
            if (found != null) {
                return found;
            }
        } catch (RuntimeException e) {
            // not an id of ours
        }
        throw EdFiException.notFound();
    }

    private static String lastModified(LocalDateTime value) {
        return value == null
                ? null
                : DateTimeFormatter.ISO_INSTANT.format(
                        value.truncatedTo(ChronoUnit.SECONDS).toInstant(ZoneOffset.UTC));
    }

    private Item schoolItem(School school) {
        String id = idOf(SCHOOLS, school.schoolId.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("schoolId", school.schoolId);
        body.put("nameOfInstitution", school.nameOfInstitution);
        if (school.shortNameOfInstitution != null) {
            body.put("shortNameOfInstitution", school.shortNameOfInstitution);
        }
        if (school.webSite != null) {
            body.put("webSite", school.webSite);
        }
        // The seed has no column for the category: every row of schools is a School.
        body.put(
                "educationOrganizationCategories",
                List.of(Map.of(
                        "educationOrganizationCategoryDescriptor",
                        uri("EducationOrganizationCategoryDescriptor", "School"))));
        body.put(
                "gradeLevels",
                school.gradeLevels.stream()
                        .map(g ->
                                Map.of("gradeLevelDescriptor", gradeUri(String.valueOf(g.get("gradeLevelDescriptor")))))
                        .toList());
        body.put("addresses", school.addresses);
        if (school.localEducationAgencyId != null) {
            body.put("localEducationAgencyReference", Map.of("localEducationAgencyId", school.localEducationAgencyId));
        }
        body.put("_etag", school.etag);
        body.put("_lastModifiedDate", lastModified(school.lastModifiedDate));
        return new Item(id, school.etag, body);
    }

    private Item studentItem(Student student) {
        String id = idOf(STUDENTS, student.studentUniqueId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("studentUniqueId", student.studentUniqueId);
        body.put("firstName", student.firstName);
        if (student.middleName != null) {
            body.put("middleName", student.middleName);
        }
        body.put("lastSurname", student.lastName);
        // Rows written before birth dates were required may lack one; the schema requires the field.
        body.put("birthDate", student.birthDate == null ? null : student.birthDate.toString());
        body.put("_etag", student.etag);
        body.put("_lastModifiedDate", lastModified(student.lastModifiedDate));
        return new Item(id, student.etag, body);
    }

    private Item associationItem(StudentSchoolAssociation a) {
        String id = idOf(ASSOCIATIONS, a.schoolId + "|" + a.entryDate + "|" + a.studentUniqueId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("schoolReference", Map.of("schoolId", a.schoolId));
        body.put("studentReference", Map.of("studentUniqueId", a.studentUniqueId));
        body.put("entryDate", a.entryDate.toString());
        body.put("entryGradeLevelDescriptor", gradeUri(a.entryGradeLevelDescriptor));
        body.put("_etag", a.etag);
        body.put("_lastModifiedDate", lastModified(a.lastModifiedDate));
        return new Item(id, a.etag, body);
    }
}

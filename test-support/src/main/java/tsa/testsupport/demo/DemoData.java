package tsa.testsupport.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.MailServer;

/**
 * The demo data of the local run, loaded through the services' own HTTP APIs only, so it obeys every rule the
 * services enforce: the allow-listed admin signs in with a mailed magic link, invites two coaches who onboard from
 * their invitation links; each coach invites two parents, who sign in from their links and enroll; the four
 * enrollments end in the four states (pending, active, completed, cancelled), with documents uploaded through the
 * presigned URL and shadow days booked. {@link #signInLinks} then asks for one fresh link per portal, the newest for
 * its address and so the only one that works.
 */
public final class DemoData {

    public static final String ADMIN = LocalSystem.DEFAULT_ADMIN_EMAILS;
    public static final List<String> COACHES = List.of("coach.rivera@tsa.example", "coach.nguyen@tsa.example");
    /** Parent, student, the coach (index into {@link #COACHES}) and the state their enrollment ends in. */
    public record DemoFamily(String parentEmail, String studentName, int coach, String enrollmentStatus) {}

    public static final List<DemoFamily> FAMILIES = List.of(
            new DemoFamily("parent.garcia@tsa.example", "Mia Garcia", 0, "pending"),
            new DemoFamily("parent.smith@tsa.example", "Leo Smith", 0, "active"),
            new DemoFamily("parent.brown@tsa.example", "Ava Brown", 1, "completed"),
            new DemoFamily("parent.lee@tsa.example", "Noah Lee", 1, "cancelled"));

    public static final String SCHOOL_ID = "255901001";

    /** What was loaded: ids the checks and the printed summary use. */
    public record Loaded(
            Map<String, String> coachIds,
            Map<String, String> enrollmentIds,
            List<String> documentIds,
            List<String> appointmentIds) {}

    /** A printed sign-in link: the portal, its address and the full URL as mailed. */
    public record SignInLink(String portal, String email, String url, String token) {}

    private static final Pattern LINK = Pattern.compile("(\\S*/auth\\?token=([A-Za-z0-9._-]+))");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSystem system;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DemoData(LocalSystem system) {
        this.system = system;
    }

    /** Loads the whole demo; any refused call stops it with the step, the status and the problem body. */
    public Loaded load() {
        String admin = signIn(ADMIN, "admin");
        Map<String, String> coachIds = new LinkedHashMap<>();
        Map<String, String> coachTokens = new LinkedHashMap<>();
        String[][] names = {{"Alex", "Rivera", "basketball"}, {"Sam", "Nguyen", "soccer"}};
        for (int i = 0; i < COACHES.size(); i++) {
            String email = COACHES.get(i);
            JsonNode invitation = call(
                    "invite coach " + email,
                    201,
                    "POST",
                    Service.ADMIN,
                    "/api/admin/coach-invitations",
                    admin,
                    Map.of(
                            "coachEmail",
                            email,
                            "firstName",
                            names[i][0],
                            "lastName",
                            names[i][1],
                            "schoolId",
                            SCHOOL_ID,
                            "sport",
                            names[i][2],
                            "permissions",
                            List.of("invite_parents")));
            coachIds.put(email, invitation.path("coachId").asText());
            String coach = session(newestLinkTo(email, 1).token());
            coachTokens.put(email, coach);
            onboard(coach, names[i]);
        }

        Map<String, String> enrollmentIds = new LinkedHashMap<>();
        List<String> documents = new ArrayList<>();
        List<String> appointments = new ArrayList<>();
        int slot = 0;
        for (DemoFamily family : FAMILIES) {
            String coachEmail = COACHES.get(family.coach());
            String coach = coachTokens.get(coachEmail);
            JsonNode invitation = call(
                    "invite parent " + family.parentEmail(),
                    201,
                    "POST",
                    Service.COACH,
                    "/api/coach/parent-invitations",
                    coach,
                    Map.of(
                            "parentEmail", family.parentEmail(),
                            "studentName", family.studentName(),
                            "sport", names[family.coach()][2]));
            String parent = session(newestLinkTo(family.parentEmail(), 1).token());
            String enrollmentId = call(
                            "enroll " + family.studentName(),
                            201,
                            "POST",
                            Service.PARENT,
                            "/api/parent/enrollments",
                            parent,
                            Map.of(
                                    "invitationId",
                                    invitation.path("invitationId").asText()))
                    .path("enrollmentId")
                    .asText();
            enrollmentIds.put(family.parentEmail(), enrollmentId);
            call(
                    "student details of " + family.studentName(),
                    200,
                    "PATCH",
                    Service.PARENT,
                    "/api/parent/enrollments/" + enrollmentId + "/student",
                    parent,
                    Map.of(
                            "dateOfBirth",
                            "2012-04-05",
                            "gradeLevel",
                            "Ninth grade",
                            "studentAge",
                            14,
                            "startDate",
                            LocalDate.now().plusDays(14).toString()));
            documents.add(uploadDocument(parent, enrollmentId, family.studentName()));
            String day = LocalDate.now().plusDays(7 + slot++).toString();
            appointments.add(call(
                            "book a shadow day for " + family.studentName(),
                            201,
                            "POST",
                            Service.PARENT,
                            "/api/parent/appointments",
                            parent,
                            Map.of(
                                    "coachId", coachIds.get(coachEmail),
                                    "studentName", family.studentName(),
                                    "appointmentType", "shadow_day",
                                    "scheduledDate", day,
                                    "startTime", "10:00",
                                    "endTime", "11:00",
                                    "location", "Main gym"))
                    .path("appointmentId")
                    .asText());
            // pending stays; active goes through activation (the Ed-Fi rows); completed is activated first.
            List<String> steps = switch (family.enrollmentStatus()) {
                case "active" -> List.of("active");
                case "completed" -> List.of("active", "completed");
                case "cancelled" -> List.of("cancelled");
                default -> List.of();
            };
            for (String status : steps) {
                call(
                        "enrollment of " + family.studentName() + " -> " + status,
                        200,
                        "PATCH",
                        Service.PARENT,
                        "/api/parent/enrollments/" + enrollmentId + "/status",
                        coach,
                        Map.of("enrollmentStatus", status));
            }
        }
        return new Loaded(coachIds, enrollmentIds, documents, appointments);
    }

    /**
     * One fresh link per portal (admin, the first coach, the first parent), read from the mailbox: asking for it
     * retired every older link of that address and portal, so it is the one that works, exactly once.
     */
    public List<SignInLink> signInLinks() {
        return List.of(
                requestLink(ADMIN, "admin"),
                requestLink(COACHES.get(0), "coach"),
                requestLink(FAMILIES.get(0).parentEmail(), "parent"));
    }

    private SignInLink requestLink(String email, String portal) {
        int before = system.stores().mail().inbox(email).size();
        call(
                "magic link for " + email,
                202,
                "POST",
                Service.ADMIN,
                "/api/auth/magic-links",
                null,
                Map.of("email", email, "portal", portal));
        SignInLink link = newestLinkTo(email, before + 1);
        return new SignInLink(portal, email, link.url(), link.token());
    }

    private String signIn(String email, String portal) {
        return session(requestLink(email, portal).token());
    }

    private String session(String linkToken) {
        return call("session", 200, "POST", Service.ADMIN, "/api/auth/sessions", null, Map.of("token", linkToken))
                .path("accessToken")
                .asText();
    }

    private void onboard(String coach, String[] name) {
        String sessionId = send("POST", Service.COACH, "/api/coach/onboarding-sessions", coach, null)
                .path("sessionId")
                .asText();
        save(coach, sessionId, "personal_info", Map.of("firstName", name[0], "lastName", name[1]));
        save(coach, sessionId, "school", Map.of("schoolId", SCHOOL_ID));
        save(coach, sessionId, "sports", Map.of("sportSpecialties", List.of(name[2])));
        save(
                coach,
                sessionId,
                "agreements",
                Map.of("termsAccepted", true, "codeOfConductAccepted", true, "backgroundCheckConsent", true));
        save(coach, sessionId, "review", Map.of());
        send("POST", Service.COACH, "/api/coach/onboarding-sessions/" + sessionId + "/complete", coach, null);
    }

    private void save(String coach, String sessionId, String step, Map<String, Object> formData) {
        call(
                "onboarding step " + step,
                200,
                "PUT",
                Service.COACH,
                "/api/coach/onboarding-sessions/" + sessionId,
                coach,
                Map.of("onboardingStep", step, "formData", formData));
    }

    /** Asks for the upload, PUTs the file to the presigned URL (S3Mock locally), then marks it uploaded. */
    private String uploadDocument(String parent, String enrollmentId, String student) {
        byte[] file = ("%PDF-1.4 demo physical for " + student).getBytes(StandardCharsets.US_ASCII);
        JsonNode upload = call(
                "document of " + student,
                201,
                "POST",
                Service.PARENT,
                "/api/parent/enrollments/" + enrollmentId + "/documents",
                parent,
                Map.of(
                        "documentType", "medical",
                        "fileName", "physical.pdf",
                        "fileSize", file.length,
                        "contentType", "application/pdf"));
        HttpRequest.Builder put = HttpRequest.newBuilder(
                        URI.create(upload.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file));
        upload.path("uploadHeaders").fields().forEachRemaining(header -> {
            if (!header.getKey().equalsIgnoreCase("host") && !header.getKey().equalsIgnoreCase("content-length")) {
                put.header(header.getKey(), header.getValue().asText());
            }
        });
        HttpResponse<String> stored = exchange(put.build());
        if (stored.statusCode() != 200) {
            throw new DemoDataException("upload of " + student + "'s document to the presigned URL answered "
                    + stored.statusCode() + ": " + stored.body());
        }
        String documentId = upload.path("document").path("documentId").asText();
        call(
                "mark uploaded",
                200,
                "POST",
                Service.PARENT,
                "/api/parent/documents/" + documentId + "/uploaded",
                parent,
                null);
        return documentId;
    }

    /** The newest link in the mailbox of {@code email}, once it holds at least {@code mails} mails. */
    private SignInLink newestLinkTo(String email, int mails) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<MailServer.Mail> inbox = List.of();
        while (Instant.now().isBefore(deadline)) {
            inbox = system.stores().mail().inbox(email);
            if (inbox.size() >= mails) {
                Matcher link = LINK.matcher(inbox.get(inbox.size() - 1).body());
                if (link.find()) {
                    return new SignInLink(null, email, link.group(1), link.group(2));
                }
                throw new DemoDataException("the newest mail to " + email + " holds no sign-in link");
            }
            sleep(200);
        }
        throw new DemoDataException("no mail with a sign-in link reached " + email + " within 30 s");
    }

    private JsonNode call(
            String step, int expected, String method, Service service, String path, String bearer, Object body) {
        HttpResponse<String> response = request(method, service, path, bearer, body);
        if (response.statusCode() != expected) {
            throw new DemoDataException(step + ": " + method + " " + path + " answered " + response.statusCode()
                    + " (expected " + expected + "): " + response.body());
        }
        return parse(response.body());
    }

    /** A call whose success may be 200 or 201 (a created or an already existing resource). */
    private JsonNode send(String method, Service service, String path, String bearer, Object body) {
        HttpResponse<String> response = request(method, service, path, bearer, body);
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new DemoDataException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    private HttpResponse<String> request(String method, Service service, String path, String bearer, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.baseUrl(service) + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return exchange(request.build());
        } catch (IOException e) {
            throw new DemoDataException(method + " " + path + ": " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DemoDataException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoDataException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new DemoDataException("not JSON: " + body, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoDataException("interrupted", e);
        }
    }

    /** A demo step the system refused: the message names the step, the status and the answer. */
    public static final class DemoDataException extends RuntimeException {
        DemoDataException(String message) {
            super(message);
        }

        DemoDataException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package tsa.parent.enrollment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import tsa.parent.enrollment.store.Enrollment;

/** The contract's {@code Enrollment}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record EnrollmentView(
        String enrollmentId,
        String invitationId,
        String parentEmail,
        String studentName,
        Integer studentAge,
        String sport,
        String coachId,
        String enrollmentStatus,
        List<String> progressMilestones,
        List<Milestone> milestones,
        String paymentStatus,
        String dateOfBirth,
        String gradeLevel,
        String startDate,
        String schoolId,
        String studentUniqueId,
        String activatedAt,
        String createdAt) {

    /** A recorded program step and when it was recorded. */
    public record Milestone(String milestone, String completedAt) {}

    public static EnrollmentView of(Enrollment e) {
        List<String> steps = e.progressMilestones() == null ? List.of() : e.progressMilestones();
        Map<String, String> times = e.milestoneCompletedAt() == null ? Map.of() : e.milestoneCompletedAt();
        List<Milestone> milestones = steps.stream()
                .map(step -> new Milestone(step, times.getOrDefault(step, e.createdAt())))
                .toList();
        return new EnrollmentView(
                e.enrollmentId(),
                e.invitationId(),
                e.parentEmail(),
                e.studentName(),
                e.studentAge(),
                e.sport(),
                e.coachId(),
                e.enrollmentStatus(),
                steps,
                milestones,
                e.paymentStatus(),
                e.dateOfBirth(),
                e.gradeLevel(),
                e.startDate(),
                e.schoolId(),
                e.studentUniqueId(),
                e.activatedAt(),
                e.createdAt());
    }
}

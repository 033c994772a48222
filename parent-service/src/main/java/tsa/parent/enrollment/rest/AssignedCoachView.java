package tsa.parent.enrollment.rest;

import java.util.List;
import tsa.parent.client.CoachServiceClient;

/** The contract's {@code AssignedCoach}: the public part of the coach's profile, nothing more. */
public record AssignedCoachView(
        String coachId, String firstName, String lastName, String schoolId, List<String> sportSpecialties) {

    static AssignedCoachView of(CoachServiceClient.Coach coach) {
        return new AssignedCoachView(
                coach.coachId(), coach.firstName(), coach.lastName(), coach.schoolId(), coach.sportSpecialties());
    }
}

package tsa.coach.profile.service;

import java.util.List;

/** The editable fields of a coach's own profile, a full replacement of them; validated at the REST boundary. */
public record ProfileEdit(
        String firstName, String lastName, String phone, String schoolId, List<String> sportSpecialties) {

    public ProfileEdit {
        sportSpecialties = sportSpecialties == null ? null : List.copyOf(sportSpecialties);
    }
}

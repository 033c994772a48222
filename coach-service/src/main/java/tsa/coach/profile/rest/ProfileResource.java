package tsa.coach.profile.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.store.CoachProfile;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.Problem;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.security.Roles;

/** Coach profiles (contract: getMyProfile, updateMyProfile, getProfile, listProfilesBySchool). */
@Path("/api/coach/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Inject
    CoachProfiles profiles;

    @Inject
    Caller caller;

    /** Read my profile */
    @GET
    @Path("/me")
    @RolesAllowed(Roles.COACH)
    public Response getMyProfile() {
        CoachProfile profile = profiles.mine(sessionCoachId());
        return Response.ok(CoachProfileView.of(profile))
                .tag(EntityTags.of(profile.version()))
                .build();
    }

    /** Update my profile */
    @PUT
    @Path("/me")
    @RolesAllowed(Roles.COACH)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateMyProfile(
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a body is required") @Valid CoachProfileUpdate body) {
        List<String> readOnly = body.readOnlyFieldsPresent();
        if (!readOnly.isEmpty()) {
            throw new ProblemException(
                    400,
                    "validation",
                    "Invalid request",
                    String.join(", ", readOnly) + " can't be changed here",
                    readOnly.stream()
                            .map(field -> new Problem.FieldError(field, "is read-only"))
                            .toList());
        }
        if (new HashSet<>(body.sportSpecialties()).size()
                != body.sportSpecialties().size()) {
            throw ProblemException.invalidField("sportSpecialties", "must not repeat a sport");
        }
        CoachProfile updated =
                profiles.updateMine(sessionCoachId(), EntityTags.ifMatchVersions(ifMatch), body.toEdit());
        return Response.ok(CoachProfileView.of(updated))
                .tag(EntityTags.of(updated.version()))
                .build();
    }

    /** Read a coach's profile */
    @GET
    @Path("/{coachId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response getProfile(@PathParam("coachId") String coachId) {
        CoachProfiles.Visible visible = profiles.readAs(coachId);
        Object body = visible.publicPartOnly()
                ? PublicCoachProfileView.of(visible.profile())
                : CoachProfileView.of(visible.profile());
        return Response.ok(body).build();
    }

    /** List the coaches of a school */
    @GET
    @RolesAllowed(Roles.ADMIN)
    @RateLimited("portal-lists")
    public Response listProfilesBySchool(@QueryParam("schoolId") String schoolId, @BeanParam PageRequest page) {
        if (schoolId == null || !schoolId.matches("[0-9]{1,10}")) {
            throw ProblemException.invalidField("schoolId", "is required: a school id (digits)");
        }
        return Response.ok(profiles.bySchool(schoolId, page).map(CoachProfileView::of))
                .build();
    }

    private String sessionCoachId() {
        // A coach session without a coach id has no profile to show.
        return caller.coachId().orElseThrow(() -> ProblemException.notFound("this session names no coach"));
    }
}

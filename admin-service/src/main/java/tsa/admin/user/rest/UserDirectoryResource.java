package tsa.admin.user.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import tsa.admin.user.service.UserDirectory;
import tsa.admin.user.service.UserView;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.security.Roles;

/**
 * The OneRoster {@code users} directory: search, adding and revoking administrators, enabling and disabling
 * administrator and parent rows. Rules and audit live in {@link UserDirectory}.
 */
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserDirectoryResource {

    private static final String ROLES = "student|teacher|administrator|parent|guardian";

    @Inject
    UserDirectory directory;

    @Inject
    Caller caller;

    /** Search the users directory */
    @GET
    @RolesAllowed(Roles.ADMIN)
    @RateLimited("admin-searches")
    public Response searchUsers(
            @QueryParam("email") @Size(min = 1, max = 254) @Email String email,
            @QueryParam("role")
                    @Pattern(
                            regexp = ROLES,
                            message = "must be one of student, teacher, administrator, " + "parent, guardian")
                    String role,
            @QueryParam("orgId") @Size(min = 1, max = 255) String orgId,
            @BeanParam PageRequest request) {
        Page<UserView> page;
        if (email != null) {
            if (role != null || orgId != null) {
                throw ProblemException.invalidField(
                        role != null ? "role" : "orgId",
                        "can't be combined with email: search either by email or by role (and orgId)");
            }
            page = directory.searchByEmail(email, request);
        } else if (role != null) {
            page = directory.searchByRole(role, orgId, request);
        } else {
            throw ProblemException.invalidField(
                    orgId != null ? "role" : "email",
                    orgId != null ? "is required with orgId" : "give email, or role (optionally with orgId)");
        }
        return Response.ok(page).build();
    }

    /** Add an administrator */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addAdministrator(@NotNull @Valid AdministratorCreate body) {
        UserDirectory.Added added = directory.addAdministrator(body.email(), body.givenName(), body.familyName());
        if (!added.created()) {
            return Response.ok(added.user()).build();
        }
        return Response.created(UriBuilder.fromResource(UserDirectoryResource.class)
                        .path(added.user().sourcedId())
                        .build())
                .entity(added.user())
                .build();
    }

    /** Enable or disable an administrator or parent row */
    @PATCH
    @Path("/{sourcedId}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setUserEnabled(@PathParam("sourcedId") String sourcedId, @NotNull @Valid UserEnabledChange body) {
        return Response.ok(directory.setEnabled(sourcedId, body.enabledUser(), caller.email()))
                .build();
    }

    /** Revoke administrator rights */
    @DELETE
    @Path("/{sourcedId}/administrator")
    @RolesAllowed(Roles.ADMIN)
    public Response revokeAdministrator(@PathParam("sourcedId") String sourcedId) {
        return Response.ok(directory.revokeAdministrator(sourcedId, caller.email()))
                .build();
    }
}

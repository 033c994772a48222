package tsa.admin.user.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserDirectoryResource {

    /** Search the users directory */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Response searchUsers() {
        throw ProblemException.notImplemented("GET /api/admin/users");
    }

    /** Add an administrator */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response addAdministrator() {
        throw ProblemException.notImplemented("POST /api/admin/users");
    }

    /** Enable or disable an administrator or parent row */
    @PATCH
    @Path("/{sourcedId}")
    @RolesAllowed(Roles.ADMIN)
    public Response setUserEnabled(@PathParam("sourcedId") String sourcedId) {
        throw ProblemException.notImplemented("PATCH /api/admin/users/{sourcedId}");
    }

    /** Revoke administrator rights */
    @DELETE
    @Path("/{sourcedId}/administrator")
    @RolesAllowed(Roles.ADMIN)
    public Response revokeAdministrator(@PathParam("sourcedId") String sourcedId) {
        throw ProblemException.notImplemented("DELETE /api/admin/users/{sourcedId}/administrator");
    }
}

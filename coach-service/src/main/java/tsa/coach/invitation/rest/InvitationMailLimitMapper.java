package tsa.coach.invitation.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tsa.coach.invitation.service.InvitationMailLimitReached;
import tsa.runtime.problem.ProblemResponses;

/** The 429 problem of the invitation mail limit, with {@code Retry-After} in seconds (RFC 9110). */
public class InvitationMailLimitMapper {

    @ServerExceptionMapper
    public Response limitReached(InvitationMailLimitReached e, UriInfo uri) {
        return Response.fromResponse(ProblemResponses.of(e.toProblem().withInstance(uri.getPath())))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .build();
    }
}

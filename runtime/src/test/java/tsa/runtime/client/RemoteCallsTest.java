package tsa.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteCallsTest {

    private static final String SERVICE = "coach-service";

    @Test
    void eachRemoteAnswerBecomesOneTypedOutcomeWithThisServicesStatus() {
        Map<Integer, Class<? extends RemoteFailure>> expected = Map.of(
                404, RemoteFailure.NotFound.class,
                409, RemoteFailure.Conflict.class,
                400, RemoteFailure.Rejected.class,
                422, RemoteFailure.Rejected.class,
                401, RemoteFailure.Unavailable.class,
                403, RemoteFailure.Unavailable.class,
                408, RemoteFailure.Unavailable.class,
                429, RemoteFailure.Unavailable.class,
                500, RemoteFailure.Unavailable.class,
                503, RemoteFailure.Unavailable.class);
        expected.forEach((status, type) -> assertThatThrownBy(() -> RemoteCalls.call(SERVICE, "read", () -> {
                    throw new WebApplicationException(Response.status(status).build());
                }))
                .as("HTTP " + status)
                .isExactlyInstanceOf(type)
                .satisfies(e -> assertThat(((RemoteFailure) e).service()).isEqualTo(SERVICE)));
        assertThat(new RemoteFailure.NotFound(SERVICE, "x").status()).isEqualTo(404);
        assertThat(new RemoteFailure.Conflict(SERVICE, "x").status()).isEqualTo(409);
        assertThat(new RemoteFailure.Rejected(SERVICE, 422, "x").status()).isEqualTo(400);
        assertThat(new RemoteFailure.Unavailable(SERVICE, "x").status()).isEqualTo(503);
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        assertThatThrownBy(() -> RemoteCalls.run(SERVICE, "read", () -> {
                    throw new ProcessingException(new ConnectException("refused"));
                }))
                .isExactlyInstanceOf(RemoteFailure.Unavailable.class);
    }

    @Test
    void findAndUnlessRefusedTurnOnlyTheirAnswersIntoEmpty() {
        assertThat(RemoteCalls.find(SERVICE, "read", () -> "found")).contains("found");
        assertThat(RemoteCalls.find(SERVICE, "read", () -> {
                    throw new WebApplicationException(Response.status(404).build());
                }))
                .isEmpty();
        assertThatThrownBy(() -> RemoteCalls.find(SERVICE, "read", () -> {
                    throw new WebApplicationException(Response.status(400).build());
                }))
                .isInstanceOf(RemoteFailure.Rejected.class);
        assertThat(RemoteCalls.unlessRefused(SERVICE, "exchange", () -> {
                    throw new WebApplicationException(Response.status(400).build());
                }))
                .isEmpty();
        assertThatThrownBy(() -> RemoteCalls.unlessRefused(SERVICE, "exchange", () -> {
                    throw new WebApplicationException(Response.status(502).build());
                }))
                .isInstanceOf(RemoteFailure.Unavailable.class);
    }
}

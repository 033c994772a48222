package tsa.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.Base64;
import java.util.List;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;

/** admin-service's {@code POST /internal/audit-records}: recording (201), or gone. */
public final class AdminServiceStub {

    private static final String PATH = "/internal/audit-records";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static StubMapping current;

    private AdminServiceStub() {}

    /** Answers every record with 201, as admin-service does when it stores one. */
    public static synchronized void recordsAudits() {
        String record = """
                {"logId":"stub","adminEmail":"admin@tsa.example","actionType":"update",
                 "resourceType":"sync_log","actionDescription":"stub","sessionId":"stub",
                 "timestamp":"2026-11-25T10:00:00.000Z"}""";
        ContractResponses.assertValid(ContractOperations.contract("admin-service"), "POST", PATH, 201, record);
        replace(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(record)));
    }

    /** Every call fails at the connection, as if admin-service were down. */
    public static synchronized void absent() {
        replace(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** The bodies of the audit records received so far, oldest first. */
    public static List<JsonNode> records() {
        return StubServices.server().findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.getBodyAsString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /**
     * Who sent each audit record so far, oldest first: the bearer token's {@code sub} and its {@code kid}, read, not
     * verified (the point is which token sync-service sends).
     */
    public static List<String> callers() {
        return StubServices.server().findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(r -> {
                    String[] token = r.getHeader("Authorization")
                            .substring("Bearer ".length())
                            .split("\\.");
                    try {
                        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token[0]));
                        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token[1]));
                        return claims.path("sub").asText() + " signed with "
                                + header.path("kid").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static void replace(com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
        if (current != null) {
            StubServices.server().removeStubMapping(current);
        }
        current = StubServices.server().stubFor(mapping);
    }
}

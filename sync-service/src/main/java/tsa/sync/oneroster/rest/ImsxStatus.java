package tsa.sync.oneroster.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OneRoster binding's error body, {@code imsx_StatusInfoDType}: failure/error with one code minor. */
final class ImsxStatus {

    private ImsxStatus() {}

    static Response.ResponseBuilder response(int status, String codeMinor, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imsx_codeMajor", "failure");
        body.put("imsx_severity", "error");
        body.put("imsx_description", description == null ? "" : description);
        body.put(
                "imsx_CodeMinor",
                Map.of(
                        "imsx_codeMinorField",
                        List.of(Map.of(
                                "imsx_codeMinorFieldName", "TargetEndSystem", "imsx_codeMinorFieldValue", codeMinor))));
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
    }
}

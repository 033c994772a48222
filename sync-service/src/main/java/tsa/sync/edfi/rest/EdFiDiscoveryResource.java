package tsa.sync.edfi.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Ed-Fi Discovery API 1.0 root document: what this API serves and where. Anonymous, as in ODS/API. */
@Path("/edfi")
@PermitAll
public class EdFiDiscoveryResource {

    @GET
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> discovery(@Context UriInfo uri) {
        String base = uri.getBaseUri().toString().replaceAll("/$", "") + "/edfi";
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("dependencies", base + "/metadata/data/v3/dependencies");
        urls.put("openApiMetadata", base.replaceAll("/edfi$", "") + "/api/sync/standards/ed-fi-ds-5.0.json");
        urls.put("oauth", base + "/oauth/token");
        urls.put("dataManagementApi", base + "/data/v3");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", "7.1");
        document.put("informationalVersion", "7.1");
        document.put("suite", "3");
        document.put("apiMode", "Shared Instance");
        document.put(
                "dataModels",
                List.of(Map.of(
                        "name", "Ed-Fi", "version", "5.0.0", "informationalVersion", "The Ed-Fi Data Model 5.0")));
        document.put("urls", urls);
        return document;
    }
}

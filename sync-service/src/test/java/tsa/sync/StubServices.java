package tsa.sync;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * coach-service, admin-service and parent-service as the application under test sees them: one real HTTP server
 * (WireMock, in this JVM) that tests program through {@link CoachServiceStub}, {@link AdminServiceStub} and
 * {@link ParentServiceStub}. All three generated clients point at it.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        WireMockServer started = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().extensions(new ParentServiceStub.Activations()));
        started.start();
        server = started;
        CoachServiceStub.reset();
        AdminServiceStub.recordsAudits();
        ParentServiceStub.reset();
        String url = "http://127.0.0.1:" + started.port();
        return Map.of(
                "quarkus.rest-client.coach_service_yaml.url", url,
                "quarkus.rest-client.admin_service_yaml.url", url,
                "quarkus.rest-client.parent_service_yaml.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static WireMockServer server() {
        return server;
    }
}

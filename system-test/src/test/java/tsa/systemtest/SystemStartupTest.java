package tsa.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;

/**
 * The local run's launcher, on free ports: four healthy services that serve their contracts (and listen on TLS for
 * each other), then a clean stop.
 */
class SystemStartupTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void fourServicesComeUpHealthyServeTheirDocumentsAndStopLeavingNothingBehind() throws Exception {
        List<ProcessHandle> started = new ArrayList<>();
        List<Integer> storePorts;
        try (LocalSystem system = LocalSystem.start(false, "system-test")) {
            for (Service service : Service.values()) {
                String base = system.baseUrl(service);
                assertThat(get(base + "/q/health/ready").statusCode())
                        .as(service + " ready")
                        .isEqualTo(200);
                assertThat(get(base + "/q/health/live").statusCode())
                        .as(service + " live")
                        .isEqualTo(200);
                HttpResponse<String> openapi = get(base + service.prefix + "/openapi");
                assertThat(openapi.statusCode()).isEqualTo(200);
                assertThat(openapi.body()).contains("title: " + service.moduleName);
                assertThat(get(base + service.prefix + "/swagger-ui/").body()).containsIgnoringCase("swagger");
                assertThat(get(base + "/q/metrics").body()).contains("tsa_dynamodb_calls_seconds_count");
                // The other services call it on its TLS listener (as in production, with the prod profile's TLS
                // configuration): it presents the certificate they trust, and a client trusting only the public CAs
                // is refused.
                HttpClient trusting = HttpClient.newBuilder()
                        .sslContext(system.certificate().trustingContext())
                        .build();
                String overTls = system.tlsBaseUrl(service) + "/q/health/ready";
                assertThat(trusting.send(
                                        HttpRequest.newBuilder(URI.create(overTls))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .as(service + " ready over TLS")
                        .isEqualTo(200);
                assertThatThrownBy(() -> get(overTls))
                        .as(service + ": its certificate is the internal one")
                        .isInstanceOf(SSLHandshakeException.class);
            }
            try (var db = system.stores().postgres().connect("coach_portal");
                    var rs = db.createStatement()
                            .executeQuery("select count(*) from schools where local_education_agency_id = 255901")) {
                rs.next();
                assertThat(rs.getInt(1)).as("reference schools").isEqualTo(2);
            }
            system.processes().values().forEach(p -> {
                started.add(p.toHandle());
                p.toHandle().descendants().forEach(started::add);
            });
            storePorts = List.of(
                    system.stores().postgres().port(),
                    system.stores().dynamo().port(),
                    system.stores().mail().smtpPort());
        }
        assertThat(started).hasSize(4).noneMatch(ProcessHandle::isAlive);
        for (int port : storePorts) {
            assertThat(listening(port)).as("port " + port + " still open").isFalse();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.Eventually;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * An SMTP server that accepts connections and never answers holds no thread the requests run on: with four worker
 * threads, a dozen invitations whose mails hang all answer at once, ten mails hang on SMTP while two wait, and once
 * the server goes away (421, then refused connections) every mail is recorded as failed. Mails used to be sent on the
 * request worker pool, each holding a thread for its whole attempt: the fifth request waited for a mail to give up.
 * Runs under its own profile and mail port, so the shared mail server the other classes read is never touched.
 */
@QuarkusTest
@TestProfile(StalledSmtpServerTest.FewWorkerThreads.class)
class StalledSmtpServerTest {

    private static final int WORKER_THREADS = 4;
    private static final int INVITATIONS = 12;
    /** quarkus.mailer.max-pool-size, Quarkus' default. */
    private static final int MAILER_CONNECTIONS = 10;

    public static class FewWorkerThreads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.thread-pool.max-threads", Integer.toString(WORKER_THREADS),
                    "tsa.mail.attempts", "1",
                    // far longer than the test: only the server going away ends an attempt
                    "tsa.mail.attempt-timeout", "PT2M");
        }

        /** Instead of the module's {@link RealDataStores} (whose mail port would win over a config override). */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SilentMailServer.class));
        }
    }

    /** A listener that accepts every connection and never says a word (no SMTP greeting). */
    static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Silent() {
            try {
                server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                accepted.add(server.accept());
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "silent-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        /** Refuses every held session as a server going down does (421), then refuses new connections. */
        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : accepted) {
                    try (socket) {
                        socket.getOutputStream().write("421 going down\r\n".getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    } catch (IOException alreadyClosed) {
                        // the client gave up on this one already
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static volatile Silent silent;

    /** The JVM's shared stores, except that mail goes to the silent listener. */
    public static class SilentMailServer extends RealDataStores {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new LinkedHashMap<>(super.start());
            silent = new Silent();
            config.put("quarkus.mailer.port", Integer.toString(silent.port()));
            return config;
        }

        @Override
        public void stop() {
            if (silent != null) {
                silent.close();
            }
            super.stop();
        }
    }

    @Test
    void invitationsAnswerWhileTheirMailsHangAndEveryMailIsRecordedFailedOnceTheServerGoesAway() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
        String admin = TestTokens.admin("admin@tsa.example");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INVITATIONS; i++) {
            Instant asked = Instant.now();
            Response created = given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(CoachInvitationLifecycleTest.invitation(CoachInvitationLifecycleTest.uniqueEmail()))
                    .post("/api/admin/coach-invitations");
            created.then().statusCode(201);
            assertThat(Duration.between(asked, Instant.now()))
                    .as("invitation %d of %d answered without waiting on a hanging mail", i + 1, INVITATIONS)
                    .isLessThan(Duration.ofSeconds(10));
            ids.add(created.jsonPath().getString("invitationId"));
        }
        assertThat(Eventually.value(silent::connections, n -> n >= MAILER_CONNECTIONS))
                .as("the first mails are on SMTP connections, the rest wait")
                .isEqualTo(MAILER_CONNECTIONS);
        for (String id : ids) {
            assertThat(given().auth()
                            .oauth2(admin)
                            .get("/api/admin/coach-invitations/" + id)
                            .jsonPath()
                            .getString("mailStatus"))
                    .as("no outcome yet: the mail is hanging or waiting")
                    .isNull();
        }
        assertThat(silent.connections())
                .as("never more mails sent at once than the mailer has connections")
                .isEqualTo(MAILER_CONNECTIONS);
        assertThat(queuedMails())
                .as("the mails without a connection wait in the queue, and the gauge says how many")
                .isEqualTo(INVITATIONS - MAILER_CONNECTIONS);

        silent.close();
        for (String id : ids) {
            assertThat(CoachInvitationLifecycleTest.awaitMailStatus(id)).isEqualTo("failed");
        }
        assertThat(queuedMails()).as("every mail was tried").isZero();
    }

    /** The {@code tsa_mail_queued} gauge as Prometheus reads it. */
    private static int queuedMails() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("tsa_mail_queued "))
                .map(line -> (int)
                        Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tsa_mail_queued gauge in /q/metrics"));
    }
}

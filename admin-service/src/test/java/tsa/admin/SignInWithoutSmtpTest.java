package tsa.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.testsupport.DataStores;
import tsa.testsupport.MailServer;
import tsa.testsupport.RealDataStores;

/**
 * With the SMTP server stopped, asking for a sign-in link still answers 202 at once, and the link's record says
 * {@code mail_status=failed}. Runs under its own profile, whose application sends to a mail server of its own that is
 * stopped before the application starts: the JVM's shared mail server, which the other test classes read, is never
 * touched (and this test shows that nothing reached it).
 */
@QuarkusTest
@TestProfile(SignInWithoutSmtpTest.OneMailAttempt.class)
class SignInWithoutSmtpTest {

    public static class OneMailAttempt implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tsa.mail.attempts", "1", "tsa.mail.attempt-timeout", "PT3S");
        }

        /** Instead of the module's {@link RealDataStores} (whose mail port would win over a config override). */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppedMailServer.class));
        }
    }

    /** The JVM's shared stores, except that mail goes to a server of this test's own, stopped before the start. */
    public static class StoppedMailServer extends RealDataStores {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new LinkedHashMap<>(super.start());
            MailServer own = MailServer.start(0, 0);
            own.close();
            // the port that server had bound: nothing listens there now, connections are refused
            config.put("quarkus.mailer.port", Integer.toString(own.smtpPort()));
            return config;
        }
    }

    @Test
    void aLinkRequestAnswers202WithoutWaitingOnSmtpAndTheRecordSaysTheMailFailed() throws Exception {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        SignInTest.userRow(email, "administrator", true);

        Instant asked = Instant.now();
        SignInTest.askForLink(email, "admin").then().statusCode(202).contentType(ContentType.JSON);
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(2));

        try (DynamoDbClient dynamo = DataStores.shared().dynamo().client()) {
            String mailStatus = null;
            Instant deadline = Instant.now().plusSeconds(30);
            while (mailStatus == null && Instant.now().isBefore(deadline)) {
                // A test may look through the whole (small) table; the service never scans.
                List<Map<String, AttributeValue>> links = dynamo.scan(r -> r.tableName("auth-sign-in-linksdev")
                                .filterExpression("email = :e AND kind = :k")
                                .expressionAttributeValues(
                                        Map.of(":e", AttributeValue.fromS(email), ":k", AttributeValue.fromS("link"))))
                        .items();
                assertThat(links).hasSize(1);
                AttributeValue status = links.get(0).get("mail_status");
                mailStatus = status == null ? null : status.s();
                if (mailStatus == null) {
                    Thread.sleep(200);
                }
            }
            assertThat(mailStatus).isEqualTo("failed");
        }
        assertThat(DataStores.shared().mail().inbox(email))
                .as("the shared mail server got nothing")
                .isEmpty();
    }
}

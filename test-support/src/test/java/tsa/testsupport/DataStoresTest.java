package tsa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DataStoresTest {

    private final DataStores stores = DataStores.shared();

    @Test
    void postgresServesTheCoachPortalDatabaseToTheTsaUser() throws Exception {
        try (Connection c = stores.postgres().connect(PostgresServer.DATABASE);
                ResultSet rs = c.createStatement().executeQuery("select current_database(), current_user, version()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("coach_portal");
            assertThat(rs.getString(2)).isEqualTo("tsa");
            assertThat(rs.getString(3)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void dynaliteSpeaksTheDynamoDbProtocol() {
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(stores.dynamo().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            dynamo.createTable(r -> r.tableName("probe-table")
                    .billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            assertThat(dynamo.listTables().tableNames()).contains("probe-table");
        }
    }

    @Test
    void mailSentOverSmtpIsReadOverImap() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(stores.mail().smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("sender@tsa.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@tsa.example"));
        message.setSubject("hello");
        message.setText("a link: https://portal.example/auth?token=x");
        Transport.send(message);

        assertThat(stores.mail().inbox("reader@tsa.example")).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("hello");
            assertThat(mail.body()).contains("auth?token=x");
        });
        assertThat(stores.mail().inbox("nobody@tsa.example")).isEmpty();
    }
}

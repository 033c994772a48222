package tsa.runtime.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tsa.runtime.dynamo.UniquenessGuard.HolderState;
import tsa.testsupport.DataStores;

/** The guard against a real DynamoDB-protocol server: races, in-flight holders, crashed holders, closed holders. */
class UniquenessGuardTest {

    private static final String TABLE = "guard-test";
    private static DynamoDbClient dynamo;

    /** What the holders' own items say: absent from the map = the item does not exist. */
    private final Map<String, HolderState> items = new ConcurrentHashMap<>();

    private Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @BeforeAll
    static void table() {
        dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(DataStores.shared().dynamo().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        new TableProvisioner(dynamo, new DynamoSettings.Provisioning() {
                    public boolean enabled() {
                        return true;
                    }

                    public boolean tolerateMissingTtl() {
                        return true;
                    }

                    public Duration activeTimeout() {
                        return Duration.ofSeconds(30);
                    }
                })
                .provision(List.of(TableSpec.table(TABLE, KeyAttribute.string("id"))));
    }

    @AfterAll
    static void close() {
        dynamo.close();
    }

    private UniquenessGuard guard() {
        return new UniquenessGuard(dynamo, TABLE, "id", new Clock() {
            public Instant instant() {
                return now;
            }

            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
    }

    private boolean claim(String key, String holder) {
        return guard().claimFor(key, holder, h -> items.getOrDefault(h, HolderState.MISSING));
    }

    @Test
    void ofManyRacingClaimsForOneKeyExactlyOneWins() throws Exception {
        String key = UniquenessGuard.key("race", UUID.randomUUID().toString());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String holder = "h" + i;
            claims.add(() -> claim(key, holder));
        }
        int winners = 0;
        for (Future<Boolean> f : pool.invokeAll(claims)) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void aHolderWhoseItemIsNotWrittenYetKeepsTheKeyUntilTheLeaseRunsOut() {
        String key = UniquenessGuard.key("lease", UUID.randomUUID().toString());
        assertThat(claim(key, "first")).isTrue();
        assertThat(claim(key, "second")).isFalse();
        now = now.plus(UniquenessGuard.IN_FLIGHT_LEASE).plusSeconds(1);
        assertThat(claim(key, "second")).isTrue();
        assertThat(guard().currentHolder(key)).isEqualTo("second");
    }

    @Test
    void anOpenHolderKeepsTheKeyAndAClosedOneGivesItUpAtOnce() {
        String key = UniquenessGuard.key("state", UUID.randomUUID().toString());
        assertThat(claim(key, "first")).isTrue();
        items.put("first", HolderState.OPEN);
        now = now.plus(Duration.ofDays(30));
        assertThat(claim(key, "second")).isFalse();
        items.put("first", HolderState.CLOSED);
        assertThat(claim(key, "second")).isTrue();
        assertThat(claim(key, "second")).as("claiming again is idempotent").isTrue();
    }
}

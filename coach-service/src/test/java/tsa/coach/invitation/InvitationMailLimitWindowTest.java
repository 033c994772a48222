package tsa.coach.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tsa.coach.config.CoachTables;
import tsa.coach.config.TableNames;
import tsa.coach.invitation.config.ParentInvitationSettings;
import tsa.coach.invitation.service.InvitationMailLimit;
import tsa.coach.invitation.service.InvitationMailLimitReached;
import tsa.coach.invitation.store.ParentInvitationStore;
import tsa.runtime.dynamo.DynamoSettings;
import tsa.runtime.dynamo.TableProvisioner;
import tsa.testsupport.DataStores;
import tsa.testsupport.MovableClock;

/**
 * The mail limit's fixed windows, without Quarkus: the rule and its store are built by hand on a table of their own
 * (real dynalite), two mails per hour, the clock moved to a window's first second.
 */
class InvitationMailLimitWindowTest {

    private static final Duration WINDOW = Duration.ofHours(1);
    private static final MovableClock CLOCK = MovableClock.INSTANCE;

    private static DynamoDbClient dynamo;
    private static InvitationMailLimit limit;

    @BeforeAll
    static void rule() {
        dynamo = DataStores.shared().dynamo().client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        CoachTables tables = new CoachTables(new TableNames() {
            public String profiles() {
                return "mail-limit-profiles-" + suffix;
            }

            public String onboarding() {
                return "mail-limit-onboarding-" + suffix;
            }

            public String parentInvitations() {
                return "mail-limit-invitations-" + suffix;
            }
        });
        DynamoSettings.Provisioning provisioning = new DynamoSettings.Provisioning() {
            public boolean enabled() {
                return true;
            }

            public boolean tolerateMissingTtl() {
                return true;
            }

            public Duration activeTimeout() {
                return Duration.ofSeconds(30);
            }
        };
        new TableProvisioner(dynamo, provisioning).provision(java.util.List.of(tables.parentInvitations()));
        DynamoSettings settings = new DynamoSettings() {
            public Provisioning provisioning() {
                return provisioning;
            }

            public int conflictAttempts() {
                return 5;
            }
        };
        ParentInvitationSettings twoPerHour = new ParentInvitationSettings() {
            public Duration lifetime() {
                return Duration.ofDays(14);
            }

            public MailLimit mailLimit() {
                return new MailLimit() {
                    public int count() {
                        return 2;
                    }

                    public Duration window() {
                        return WINDOW;
                    }
                };
            }
        };
        limit = new InvitationMailLimit(new ParentInvitationStore(dynamo, tables, settings, CLOCK), twoPerHour, CLOCK);
    }

    @AfterEach
    void realTime() {
        CLOCK.reset();
    }

    @AfterAll
    static void close() {
        dynamo.close();
    }

    @Test
    void aWindowAdmitsItsCountThenRefusesUntilItEndsAndCountsPerCoach() {
        Instant now = CLOCK.instant();
        long windowSeconds = WINDOW.getSeconds();
        Instant nextWindow = Instant.ofEpochSecond((now.getEpochSecond() / windowSeconds + 1) * windowSeconds);
        CLOCK.advance(Duration.between(now, nextWindow).plusSeconds(1));
        String coach = UUID.randomUUID().toString();

        limit.take(coach);
        limit.take(coach);
        assertThatThrownBy(() -> limit.take(coach))
                .isInstanceOfSatisfying(InvitationMailLimitReached.class, reached -> {
                    assertThat(reached.status()).isEqualTo(429);
                    assertThat(reached.retryAfterSeconds()).isBetween(windowSeconds - 60, windowSeconds - 1);
                });
        limit.take(UUID.randomUUID().toString()); // another coach has a window of their own

        CLOCK.advance(WINDOW);
        limit.take(coach);
        limit.take(coach);
        assertThatThrownBy(() -> limit.take(coach)).isInstanceOf(InvitationMailLimitReached.class);
    }
}

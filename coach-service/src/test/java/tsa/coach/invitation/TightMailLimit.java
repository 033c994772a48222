package tsa.coach.invitation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Three invitation mails per coach per ten minutes, two quick mail attempts, and the mail sender's debug lines on:
 * an application of its own (with its own stores), so the tight limit and a stopped mail server touch no other test.
 */
public class TightMailLimit implements QuarkusTestProfile {

    static final int COUNT = 3;
    static final long WINDOW_SECONDS = 600;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tsa.parent-invitations.mail-limit.count", Integer.toString(COUNT),
                "tsa.parent-invitations.mail-limit.window", "PT10M",
                "tsa.mail.attempts", "2",
                "tsa.mail.attempt-timeout", "PT2S",
                "quarkus.log.category.\"tsa.runtime.mail\".level", "DEBUG");
    }
}

package tsa.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkTokenTest {

    @Test
    void issuedTokensCarryKindRecordAndA128BitUrlSafeSecret() {
        LinkToken token = LinkToken.issue(LinkToken.Kind.COACH_INVITATION, "inv-1");
        assertThat(token.value()).startsWith("c.inv-1.").matches("[a-z]\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}");
        assertThat(LinkToken.parse(token.value())).contains(token);
    }

    @Test
    void secretsAreNotRepeated() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(LinkToken.issue(LinkToken.Kind.SIGN_IN, "x").secret());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void onlyTheHashOfTheSecretIsComparedAndOnlyTheRightSecretMatches() {
        LinkToken token = LinkToken.issue(LinkToken.Kind.SIGN_IN, "link-1");
        String stored = token.secretHash();
        assertThat(stored).hasSize(64).doesNotContain(token.secret());
        assertThat(token.matches(stored)).isTrue();
        assertThat(LinkToken.issue(LinkToken.Kind.SIGN_IN, "link-1").matches(stored))
                .isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void malformedTokensDoNotParse() {
        assertThat(LinkToken.parse(null)).isEmpty();
        assertThat(LinkToken.parse("")).isEmpty();
        assertThat(LinkToken.parse("x.id.AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(LinkToken.parse("s.id")).isEmpty();
        assertThat(LinkToken.parse("s.id.short")).isEmpty();
        assertThat(LinkToken.parse("s.i d.AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(LinkToken.parse("s.id.AAAAAAAAAAAAAAAAAAAAAA.extra")).isEmpty();
        assertThat(LinkToken.parse("s.id.AAAAAAAAAAAAAAAAAAAAAA")).isPresent();
    }

    @Test
    void theSecretNeverAppearsInToString() {
        LinkToken token = LinkToken.issue(LinkToken.Kind.PARENT_INVITATION, "inv-9");
        assertThat(token.toString()).doesNotContain(token.secret()).contains("inv-9");
    }
}

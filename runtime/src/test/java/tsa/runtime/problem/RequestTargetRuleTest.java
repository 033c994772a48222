package tsa.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetRuleTest {

    @Test
    void decodesValidPercentEncodedUtf8() {
        assertThat(RequestTargetRule.decode("Zo%C3%AB+M", true)).contains("Zoë M");
        assertThat(RequestTargetRule.decode("a+b", false)).contains("a+b");
        assertThat(RequestTargetRule.decode("plain", true)).contains("plain");
    }

    @Test
    void refusesMalformedEscapesAndBytesThatAreNotUtf8() {
        for (String raw : new String[] {"%%%", "%", "%4", "%zz", "a%C3", "%FF", "%C0%AF"}) {
            assertThat(RequestTargetRule.decode(raw, true)).as(raw).isEmpty();
        }
    }

    @Test
    void namesTheQueryParameterThatIsWrong() {
        assertThat(RequestTargetRule.queryViolation("limit=10&cursor=%%%"))
                .hasValueSatisfying(v -> assertThat(v.where()).isEqualTo("query parameter 'cursor'"));
        assertThat(RequestTargetRule.queryViolation("role=teacher&orgId=25%00")).hasValueSatisfying(v -> {
            assertThat(v.where()).isEqualTo("query parameter 'orgId'");
            assertThat(v.reason()).contains("U+0000");
        });
        assertThat(RequestTargetRule.queryViolation("status=sent&limit=5")).isEmpty();
    }

    @Test
    void refusesControlCharactersInPathSegments() {
        assertThat(RequestTargetRule.pathViolation("/api/admin/users/abc%00/administrator"))
                .isPresent();
        assertThat(RequestTargetRule.pathViolation("/api/admin/users/abc%0D%0A"))
                .isPresent();
        assertThat(RequestTargetRule.pathViolation("/api/admin/users/ab%zz")).isPresent();
        assertThat(RequestTargetRule.pathViolation("/api/admin/users/0b7a6c1e-9f"))
                .isEmpty();
    }
}

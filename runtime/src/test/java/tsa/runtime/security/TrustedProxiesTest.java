package tsa.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies ingress = new TrustedProxies(List.of("10.0.0.0/8", "127.0.0.1", "fd00::/8"));

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(ingress.clientOf("198.51.100.4", List.of("203.0.113.66"))).isEqualTo("198.51.100.4");
    }

    @Test
    void aTrustedPeerNamesTheClientAsTheRightMostEntryThatIsNotAProxy() {
        assertThat(ingress.clientOf("10.1.2.3", List.of("203.0.113.66"))).isEqualTo("203.0.113.66");
        // a client that forwards a made-up address of its own gets it ignored: the ingress appended the real one
        assertThat(ingress.clientOf("10.1.2.3", List.of("192.0.2.1, 203.0.113.66, 10.9.9.9")))
                .isEqualTo("203.0.113.66");
        assertThat(ingress.clientOf("10.1.2.3", List.of("192.0.2.1", "203.0.113.66")))
                .isEqualTo("203.0.113.66");
        assertThat(ingress.clientOf("fd00::1", List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
    }

    @Test
    void emptyAndBlankEntriesAreSkippedAndGarbageEndsTheWalk() {
        assertThat(ingress.clientOf("127.0.0.1", List.of(""))).isEqualTo("127.0.0.1");
        assertThat(ingress.clientOf("127.0.0.1", List.of("  ", ","))).isEqualTo("127.0.0.1");
        assertThat(ingress.clientOf("127.0.0.1", List.of("203.0.113.66, ,"))).isEqualTo("203.0.113.66");
        assertThat(ingress.clientOf("127.0.0.1", List.of("203.0.113.66, unknown")))
                .isEqualTo("127.0.0.1");
        assertThat(ingress.clientOf("127.0.0.1", List.of("203.0.113.66, 10.0.0.1:8080")))
                .isEqualTo("127.0.0.1");
        assertThat(ingress.clientOf("127.0.0.1", List.of("example.com"))).isEqualTo("127.0.0.1");
        assertThat(ingress.clientOf("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void rangesMatchByPrefixAndFamily() {
        assertThat(ingress.isTrusted("10.255.255.255")).isTrue();
        assertThat(ingress.isTrusted("11.0.0.0")).isFalse();
        assertThat(ingress.isTrusted("127.0.0.2")).isFalse();
        assertThat(ingress.isTrusted("fdff::1")).isTrue();
        assertThat(ingress.isTrusted("fe00::1")).isFalse();
        assertThat(ingress.isTrusted("::ffff:10.0.0.1")).isFalse();
        assertThat(new TrustedProxies(List.of("0.0.0.0/0")).isTrusted("8.8.8.8"))
                .isTrue();
    }

    @Test
    void aMisconfiguredRangeFailsAtStartUpNamingIt() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new TrustedProxies(List.of("ingress.local"))).hasMessageContaining("ingress.local");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/x"))).hasMessageContaining("10.0.0.0/x");
    }
}

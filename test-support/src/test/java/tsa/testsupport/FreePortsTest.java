package tsa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsComeFromBelowTheEphemeralRangeSoNoOutgoingConnectionCanTakeThemDuringARestart() throws IOException {
        String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0)
                .trim()
                .split("\\s+");
        int firstEphemeral = Integer.parseInt(range[0]);
        for (int i = 0; i < 20; i++) {
            assertThat(FreePorts.next()).isLessThan(firstEphemeral);
        }
    }

    @Test
    void eachCallGivesAnotherPortThatIsFreeToBind() throws IOException {
        Set<Integer> handedOut = new HashSet<>();
        try (ServerSocket taken = new ServerSocket(FreePorts.next(), 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 50; i++) {
                int port = FreePorts.next();
                assertThat(port).isNotEqualTo(taken.getLocalPort());
                assertThat(handedOut.add(port))
                        .as("port %d handed out twice", port)
                        .isTrue();
                try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    assertThat(bound.getLocalPort()).isEqualTo(port);
                }
            }
        }
    }
}

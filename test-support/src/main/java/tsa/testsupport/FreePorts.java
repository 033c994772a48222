package tsa.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks free loopback ports for stores and services started by tests.
 *
 * <p>The ports come from below Linux' ephemeral range (32768-60999 by default), never from it: a port the kernel hands
 * out for {@code bind(0)} is also one it hands out as the source port of outgoing connections, so while a test has
 * killed a service and not yet started it again, any connection on the machine could take the service's port and the
 * restart would fail to bind. Below the range only listeners bind.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    /** Where this JVM picks next: a random start, so forks and parallel builds rarely try the same ports. */
    private static final AtomicInteger NEXT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(FIRST, LAST));

    private FreePorts() {}

    public static int next() {
        for (int tries = 0; tries < LAST - FIRST; tries++) {
            int candidate = FIRST + Math.floorMod(NEXT.getAndIncrement() - FIRST, LAST - FIRST);
            if (isFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free loopback port between " + FIRST + " and " + LAST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}

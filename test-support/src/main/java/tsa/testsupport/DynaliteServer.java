package tsa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite, an open-source server speaking the DynamoDB protocol, run in memory by the machine's Node.js as a
 * child process. Installs itself with {@code npm ci} from the committed lock file when node_modules is missing.
 */
public final class DynaliteServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private DynaliteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The server's process id (the benchmarks read its CPU time). */
    public long pid() {
        return process.pid();
    }

    public static DynaliteServer start(int port, Path logDir) {
        Path home = ProjectLayout.root().resolve("test-support").resolve("dynalite");
        installIfMissing(home);
        int chosen = port == 0 ? FreePorts.next() : port;
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(List.of(
                            "node",
                            "node_modules/dynalite/cli.js",
                            "--host",
                            "127.0.0.1",
                            "--port",
                            Integer.toString(chosen)))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("dynalite.log").toFile())
                    .start();
            ChildProcesses.stopOnExit(process);
            awaitListening(process, chosen, Duration.ofSeconds(20));
            return new DynaliteServer(process, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("dynalite did not start (is Node.js on the PATH?)", e);
        }
    }

    static void installIfMissing(Path home) {
        if (Files.isRegularFile(home.resolve("node_modules/dynalite/cli.js"))) {
            return;
        }
        try {
            // Not inheritIO(): in a Surefire fork the JVM's stdin and stdout are Surefire's command channel, and npm
            // writing there (or making the shared stdin non-blocking) breaks the fork ("std/in stream corrupted").
            Path log = ProjectLayout.root().resolve("target").resolve("npm-ci.log");
            Files.createDirectories(log.getParent());
            Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            npm.getOutputStream().close();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + home + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run npm (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void awaitListening(Process process, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "process exited with " + process.exitValue() + " before listening on " + port);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("nothing listening on port " + port + " after " + timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * A new client of this server, for tests that read or build tables themselves, with the given execution
     * interceptors (the benchmark's raw calls use the services' own); the caller closes it.
     */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}

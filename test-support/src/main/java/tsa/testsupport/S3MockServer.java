package tsa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Adobe S3Mock (Apache-2.0), an S3-compatible server, run as a child JVM from the jar the test-support build copies
 * out of Maven ({@code test-support/target/s3mock/s3mock-exec.jar}). Objects are kept on disk under the store's work
 * folder; the server speaks plain HTTP on loopback and answers path-style requests. It checks no signatures, so
 * tests of presigned URLs assert the URL's own parameters (expiry, signed headers) rather than S3Mock's verdict.
 */
public final class S3MockServer implements AutoCloseable {

    /** Where the build puts the server jar (maven-dependency-plugin {@code copy-s3mock} in test-support). */
    static final Path JAR = Path.of("test-support", "target", "s3mock", "s3mock-exec.jar");

    private final Process process;
    private final int port;

    private S3MockServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static S3MockServer start(int port, Path workDir) {
        Path jar = ProjectLayout.root().resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build test-support first (it copies S3Mock's jar)");
        }
        int chosen = port == 0 ? FreePorts.next() : port;
        Path root = workDir.resolve("s3");
        Path tmp = workDir.resolve("s3-tmp");
        try {
            Files.createDirectories(root);
            Files.createDirectories(tmp);
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    // S3Mock reads its HTTP port from this system property; as a program argument it is ignored.
                    "-Dhttp.port=" + chosen,
                    "-Djava.io.tmpdir=" + tmp,
                    "-jar",
                    jar.toString(),
                    // Its HTTPS connector would take 9191; a free one keeps parallel runs apart.
                    "--server.port=0",
                    "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.retain-files-on-exit=false");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("s3mock.log").toFile())
                    .start();
            ChildProcesses.stopOnExit(process);
            awaitAnswering(process, chosen, Duration.ofSeconds(60));
            return new S3MockServer(process, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("S3Mock did not start", e);
        }
    }

    /** Until its HTTP connector answers S3's ListBuckets (Spring Boot opens it last, once the app is up). */
    private static void awaitAnswering(Process process, int port, Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + " before answering on "
                        + port + " (see its s3mock.log)");
            }
            try {
                HttpResponse<Void> answer = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("S3Mock did not answer on port " + port + " after " + timeout);
    }

    public int port() {
        return port;
    }

    /** The endpoint to give an S3 client (path-style addressing, any credentials, any region). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}

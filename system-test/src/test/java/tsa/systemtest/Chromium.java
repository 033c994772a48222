package tsa.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium} package) driven over the Chrome DevTools Protocol with the JDK's own
 * WebSocket: one page, JavaScript evaluated in it, and the page's console errors kept to explain a failure. Small on
 * purpose: the browser test needs to navigate, run DOM code and poll the DOM, nothing else.
 */
final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final Process process;
    private final Path profile;
    private final Path log;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = new ArrayList<>();
    private final String pageSession;

    private Chromium(Process process, Path profile, Path log, WebSocket socket, Listener listener) {
        this.process = process;
        this.profile = profile;
        this.log = log;
        this.socket = socket;
        listener.owner = this;
        // One page target; flat sessions let every page command go over the browser's one WebSocket.
        String targetId = send(null, "Target.createTarget", Map.of("url", "about:blank"))
                .path("targetId")
                .asText();
        this.pageSession = send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId")
                .asText();
        send(pageSession, "Runtime.enable", Map.of());
        send(pageSession, "Log.enable", Map.of());
        send(pageSession, "Page.enable", Map.of());
    }

    /** Starts headless Chromium on a fresh profile; fails (never skips) when the browser is not installed. */
    static Chromium start(Path logDir) throws IOException, InterruptedException {
        String executable = executable();
        Path profile = Files.createTempDirectory("tsa-chromium-");
        Files.createDirectories(logDir);
        Path log = Files.createTempFile(logDir, "chromium-", ".log");
        Process process = new ProcessBuilder(
                        executable,
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Path activePort = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plusSeconds(30);
            List<String> lines = List.of();
            while (lines.size() < 2) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "Chromium did not open its DevTools port; its output:\n" + Files.readString(log));
                }
                Thread.sleep(POLL.toMillis());
                lines = Files.exists(activePort) ? Files.readAllLines(activePort) : List.of();
            }
            URI browser = URI.create(
                    "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
            Listener listener = new Listener();
            WebSocket socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(browser, listener)
                    .get(30, TimeUnit.SECONDS);
            return new Chromium(process, profile, log, socket, listener);
        } catch (Exception e) {
            process.destroyForcibly();
            deleteProfile(profile);
            if (e instanceof IOException io) {
                throw io;
            }
            throw e instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("Chromium did not start", e);
        }
    }

    private static String executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError("No chromium on the PATH: the Swagger UI browser test needs headless Chromium;"
                + " install Debian's chromium package (apt-get install chromium; .ci/run does it when missing)");
    }

    /** Opens the address in the page and waits until its document has loaded. */
    void navigate(String url) {
        send(pageSession, "Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", "page " + url + " loaded");
    }

    /** Evaluates the expression in the page (promises awaited) and returns its value as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = send(
                pageSession,
                "Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + expression + "\n" + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Polls the expression until it is truthy, at most 30 seconds; the poll interval is the only wait. */
    JsonNode waitFor(String expression, String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode value = evaluate(expression);
            if (!value.isMissingNode()
                    && !value.isNull()
                    && !value.asText().isEmpty()
                    && !value.asText().equals("false")) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what + " (" + expression + ")");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the page logged as errors (console, uncaught exceptions, failed loads), for a failure message. */
    synchronized List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    private JsonNode send(String session, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(message.toString(), true).get(30, TimeUnit.SECONDS);
            JsonNode response = answer.get(30, TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + " failed", e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        String error = switch (message.path("method").asText()) {
            case "Runtime.consoleAPICalled" ->
                params.path("type").asText().equals("error")
                        ? params.path("args").toString()
                        : null;
            case "Runtime.exceptionThrown" -> params.path("exceptionDetails").toString();
            case "Log.entryAdded" ->
                params.path("entry").path("level").asText().equals("error")
                        ? params.path("entry").path("text").asText() + " "
                                + params.path("entry").path("url").asText()
                        : null;
            default -> null;
        };
        if (error != null) {
            synchronized (this) {
                consoleErrors.add(error);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send(null, "Browser.close", Map.of());
        } catch (RuntimeException e) {
            // Already gone: the process is ended below either way.
        }
        socket.abort();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteProfile(profile);
        Files.deleteIfExists(log);
    }

    /** Chromium's own output, for a failure message. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reassembles fragmented text frames into CDP messages. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    if (owner != null) {
                        owner.received(JSON.readTree(message));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            socket.request(1);
            return null;
        }
    }
}

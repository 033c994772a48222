package tsa.testsupport;

import java.util.concurrent.TimeUnit;

/** Stops child processes (and their own children) politely, then forcibly; also when the JVM exits. */
public final class ChildProcesses {

    private ChildProcesses() {}

    public static void stopOnExit(Process process) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop-" + process.pid()));
    }

    public static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package tsa.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's root (the folder holding contracts/ and test-support/), wherever a test or tool runs. */
public final class ProjectLayout {

    private ProjectLayout() {}

    public static Path root() {
        String configured = System.getProperty("tsa.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "contracts"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("contracts")) && Files.isDirectory(dir.resolve("test-support"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the project root (a folder with contracts/ and test-support/)");
    }

    /** A scratch folder for stores' files, under the root's target/ so that `mvn clean` removes it. */
    public static Path work(String name) {
        return root().resolve("target").resolve("stores").resolve(name);
    }
}

package io.github.miaj.onnx.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared data folder ({@code ../shared/data} beside the checkout) for tests that use it
 * when it is there and are skipped when it is not (a fresh clone has no {@code ../shared}).
 * The system property {@code mia.shared.data} overrides the search.
 */
public final class SharedData {

    private SharedData() {}

    /**
     * The folder {@code relative} under the shared data folder, if it exists: first under the system property
     * {@code mia.shared.data}, else under {@code shared/data} of the working directory or any folder above it.
     */
    public static Optional<Path> find(String relative) {
        String property = System.getProperty("mia.shared.data");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).resolve(relative);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve("data").resolve(relative);
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}

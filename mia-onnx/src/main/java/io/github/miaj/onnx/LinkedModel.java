package io.github.miaj.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.miaj.ModelException;
import io.github.miaj.onnx.graph.AttentionGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates a session from an {@link AttentionGraph} whose weights stay in the original files
 * ({@link AttentionGraph#links()}), so that they never pass through the Java heap: ONNX Runtime loads the small
 * instrumented graph from a path and reads the weights as external data, straight from the files. ONNX Runtime
 * only reads external data inside the graph's folder, after resolving symbolic links, so the graph is written
 * either into a new temporary folder beside hard links to the files (when the temporary folder is on the same
 * file system), or, failing that, as a hidden file beside the model. Either is deleted as soon as the session
 * exists; the user's files are never changed.
 */
final class LinkedModel {
    private LinkedModel() {}

    static OrtSession createSession(
            OrtEnvironment env,
            AttentionGraph graph,
            OrtSession.SessionOptions options,
            String source,
            Path modelFolder)
            throws OrtException {
        List<Path> made = new ArrayList<>();
        try {
            Path dir = linkedFolder(graph, made);
            if (dir == null) {
                dir = modelFolder;
            }
            Path model = dir.resolve(".mia-instrumented-" + UUID.randomUUID() + ".onnx");
            try {
                Files.write(model, graph.bytes());
            } catch (IOException e) {
                throw new ModelException(
                        "cannot write the instrumented graph of " + source + " into " + dir + " ("
                                + e.getMessage()
                                + "): MIA-J loads it from the model's folder, or from java.io.tmpdir when "
                                + "that is on the same file system as the model; make one of them writable",
                        e);
            }
            made.add(model);
            return env.createSession(model.toString(), options);
        } finally {
            for (int i = made.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(made.get(i));
                } catch (IOException e) {
                    made.get(i).toFile().deleteOnExit();
                }
            }
        }
    }

    /** A temporary folder holding hard links named as the graph's locations, or null when they cannot be made. */
    private static Path linkedFolder(AttentionGraph graph, List<Path> made) {
        Path dir;
        try {
            dir = Files.createTempDirectory("mia-onnx-");
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        made.add(dir);
        try {
            for (Map.Entry<String, Path> link : graph.links().entrySet()) {
                Path at = dir.resolve(link.getKey()).normalize();
                for (Path p = at.getParent(); p != null && !p.equals(dir) && !Files.exists(p); p = p.getParent()) {
                    Files.createDirectory(p);
                    made.add(p);
                }
                made.add(Files.createLink(at, link.getValue()));
            }
            return dir;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null; // another file system (a hard link cannot cross one): write beside the model instead
        }
    }
}

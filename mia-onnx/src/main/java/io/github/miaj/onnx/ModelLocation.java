package io.github.miaj.onnx;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a model comes from: a {@link BuiltInModel} on the classpath, a bundle folder, or a {@code .onnx} file.
 * Each kind {@linkplain #resolve resolves} the builder's settings to the {@link Resolved} model that opening it
 * needs (its graph or graphs, the tokenizer, the window and the model id), before any ONNX Runtime session
 * exists.
 *
 * <p>This is DJL's split between finding a model (a {@code Criteria} asks a model zoo, whose repositories know a
 * jar or a folder) and loading it: {@link OnnxAttentionSource.Builder#build()} checks its own settings, asks the
 * location, and opens sessions for what comes back. Resolving reads the tokenizer and an encoder-pair model's
 * bytes and checks that every file it names exists, so an error about a missing file or a setting that does not
 * suit the model comes before ONNX Runtime loads anything.
 */
sealed interface ModelLocation permits ModelLocation.BuiltIn, ModelLocation.Bundle, ModelLocation.OnnxFile {

    /** The location {@code model} names, as it stands now: a folder is a bundle, anything else a model file. */
    static ModelLocation of(Path model) {
        return Files.isDirectory(model) ? new Bundle(model) : new OnnxFile(model);
    }

    /**
     * What the model needs, with {@code request}'s settings applied over the location's own.
     *
     * @throws InvalidInputException when a setting conflicts with the model or a required one is missing
     * @throws ModelException        when a file is missing, unreadable, or not a valid bundle
     */
    Resolved resolve(Request request);

    /**
     * The builder's settings that decide what a location resolves to, copied when it builds.
     *
     * @param tokenizer             a tokenizer.json given by the user, or null
     * @param architecture          the architecture asked for, or null
     * @param modelId               the model id asked for, or null for the location's own
     * @param maxPositions          the window asked for, or 0 for the location's own
     * @param decoderStartTokenId   the decoder's first input asked for, or -1 for the location's own
     * @param hiddenStateSimilarity whether {@code sim.Lxx} channels are asked for
     */
    record Request(
            Path tokenizer,
            Architecture architecture,
            String modelId,
            int maxPositions,
            long decoderStartTokenId,
            boolean hiddenStateSimilarity) {}

    /** The graph or graphs to open, one kind per {@link Architecture}. */
    sealed interface Graph permits EncoderPair, Seq2Seq {
        Architecture architecture();
    }

    /**
     * An encoder-pair model, instrumented from its bytes.
     *
     * @param bytes  the ONNX model as read; not modified
     * @param folder where its external data files would be, or null for a model from the classpath
     */
    record EncoderPair(byte[] bytes, Path folder) implements Graph {
        @Override
        public Architecture architecture() {
            return Architecture.ENCODER_PAIR;
        }
    }

    /**
     * A seq2seq model, linked to its files rather than read into the heap; both files exist.
     *
     * @param encoder             the encoder of a split export, or null when {@code decoder} holds the whole model
     * @param decoder             the decoder (or the whole model)
     * @param decoderStartTokenId the decoder's first input id
     */
    record Seq2Seq(Path encoder, Path decoder, long decoderStartTokenId) implements Graph {
        @Override
        public Architecture architecture() {
            return Architecture.SEQ2SEQ;
        }
    }

    /**
     * A model ready to open.
     *
     * @param modelId        the id shown to users and bound by detectors
     * @param label          the model as error messages name it
     * @param graph          what to open
     * @param tokenizerBytes the tokenizer.json; not modified
     * @param tokenizerLabel the tokenizer as error messages name it
     * @param maxPositions   the model window in tokens per sequence, special tokens included
     */
    record Resolved(
            String modelId, String label, Graph graph, byte[] tokenizerBytes, String tokenizerLabel, int maxPositions) {
        Architecture architecture() {
            return graph.architecture();
        }
    }

    /** A model shipped in a Maven artifact: always encoder-pair, window from the model. */
    record BuiltIn(BuiltInModel model) implements ModelLocation {
        /** The built-in model whose source gave {@code modelId} (with or without architecture and suffix). */
        static Optional<BuiltInModel> forModelId(String modelId) {
            for (BuiltInModel m : BuiltInModel.values()) {
                if (modelId.equals(m.id()) || modelId.startsWith(m.id() + "/")) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        @Override
        public Resolved resolve(Request request) {
            if (request.architecture() == Architecture.SEQ2SEQ) {
                throw new InvalidInputException(model.id() + " is an encoder; it cannot run as seq2seq");
            }
            byte[] modelBytes = model.modelBytes();
            Path tok = request.tokenizer();
            String tokenizerLabel = tok != null ? tok.toString() : model.tokenizerResource();
            byte[] tokenizerBytes = tok != null ? readFile(tok, "tokenizer") : model.tokenizerBytes();
            return resolved(
                    request,
                    model.id(),
                    model.modelResource(),
                    new EncoderPair(modelBytes, null),
                    tokenizerBytes,
                    tokenizerLabel,
                    model.maxPositions());
        }
    }

    /** A bundle folder: {@code mia-bundle.properties} names the files, the architecture and the defaults. */
    record Bundle(Path folder) implements ModelLocation {
        @Override
        public Resolved resolve(Request request) {
            ModelBundle bundle = ModelBundle.read(folder);
            if (request.architecture() != null && request.architecture() != bundle.architecture()) {
                throw new InvalidInputException("architecture " + request.architecture() + " was asked for, but "
                        + "bundle " + folder + " says " + bundle.architecture());
            }
            Path tok = request.tokenizer() != null ? request.tokenizer() : bundle.tokenizer();
            byte[] tokenizerBytes = readFile(tok, "tokenizer");
            int window = bundle.maxPositions() > 0 ? bundle.maxPositions() : 512;
            long start =
                    request.decoderStartTokenId() >= 0 ? request.decoderStartTokenId() : bundle.decoderStartTokenId();
            String label;
            Graph graph;
            if (bundle.model() == null) {
                label = bundle.decoder().toString();
                requireFile(bundle.decoder(), "decoder");
                requireFile(bundle.encoder(), "encoder");
                graph = new Seq2Seq(bundle.encoder(), bundle.decoder(), start);
            } else if (bundle.architecture() == Architecture.ENCODER_PAIR) {
                label = bundle.model().toString();
                graph = new EncoderPair(readFile(bundle.model(), "model"), bundle.folder());
            } else {
                label = bundle.model().toString();
                requireFile(bundle.model(), "model");
                graph = new Seq2Seq(null, bundle.model(), start);
            }
            return resolved(request, bundle.modelId(), label, graph, tokenizerBytes, tok.toString(), window);
        }
    }

    /** A {@code .onnx} file: encoder-pair unless asked otherwise, its tokenizer given or beside it. */
    record OnnxFile(Path file) implements ModelLocation {
        @Override
        public Resolved resolve(Request request) {
            Architecture arch = request.architecture() != null ? request.architecture() : Architecture.ENCODER_PAIR;
            Path tok = request.tokenizer();
            if (tok == null) {
                Path parent = file.toAbsolutePath().getParent();
                tok = parent == null ? null : parent.resolve("tokenizer.json");
                if (tok == null || !Files.isRegularFile(tok)) {
                    throw new InvalidInputException("no tokenizer given for " + file + " and no tokenizer.json "
                            + "beside it; call tokenizer(Path)");
                }
            }
            byte[] tokenizerBytes = readFile(tok, "tokenizer");
            String name = file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
            Graph graph;
            if (arch == Architecture.ENCODER_PAIR) {
                graph = new EncoderPair(
                        readFile(file, "model"), file.toAbsolutePath().getParent());
            } else {
                if (request.decoderStartTokenId() < 0) {
                    throw new InvalidInputException("a seq2seq model file needs decoderStartTokenId (2 for BART)");
                }
                requireFile(file, "model");
                graph = new Seq2Seq(null, file, request.decoderStartTokenId());
            }
            return resolved(request, name, file.toString(), graph, tokenizerBytes, tok.toString(), 512);
        }
    }

    /** The request's window and model id over the location's, checked against what the model can give. */
    private static Resolved resolved(
            Request request,
            String name,
            String label,
            Graph graph,
            byte[] tokenizerBytes,
            String tokenizerLabel,
            int defaultWindow) {
        Architecture arch = graph.architecture();
        String id = request.modelId() != null ? request.modelId() : name + "/" + arch.id();
        if (request.hiddenStateSimilarity()) {
            if (arch != Architecture.ENCODER_PAIR) {
                throw new InvalidInputException(
                        "hidden-state similarity is only for encoder-pair models; " + label + " is " + arch.id());
            }
            if (request.modelId() == null) {
                id = id + OnnxAttentionSource.SIM_SUFFIX;
            }
        }
        int window = request.maxPositions() > 0 ? request.maxPositions() : defaultWindow;
        return new Resolved(id, label, graph, tokenizerBytes, tokenizerLabel, window);
    }

    private static void requireFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new ModelException(what + " " + file + " is a folder; pass the file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelException(what + " file " + file + " does not exist");
        }
    }

    private static byte[] readFile(Path file, String what) {
        try {
            if (Files.isDirectory(file)) {
                throw new ModelException(what + " " + file + " is a folder; pass the file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelException(what + " file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ModelException(what + " file " + file + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new ModelException(what + " file " + file + " cannot be read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ModelException(what + " file " + file + " does not fit in the heap; raise -Xmx", e);
        }
    }
}

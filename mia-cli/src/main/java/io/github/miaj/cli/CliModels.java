package io.github.miaj.cli;

import io.github.miaj.IncompatibleSourceException;
import io.github.miaj.InvalidInputException;
import io.github.miaj.Mia;
import io.github.miaj.detect.AttentionDetector;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.onnx.BuiltInModel;
import io.github.miaj.onnx.OnnxAttentionSource;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code --model} names: a built-in model id, or a user's model (bundle folder or .onnx file). */
final class CliModels {
    private CliModels() {}

    /** Opens {@code model}: an existing path is a bundle folder or model file, anything else a built-in id. */
    static OnnxAttentionSource open(String model) {
        Path p = Path.of(model);
        if (Files.exists(p)) {
            return OnnxAttentionSource.builder().model(p).build();
        }
        return OnnxAttentionSource.builder().builtIn(BuiltInModel.byId(model)).build();
    }

    /**
     * The detector {@code detector} bound to {@code model} when one is given (the detector must be a file trained
     * on that model: its recorded fingerprint is checked), else to the model the detector names.
     */
    static RelationshipDetector detector(String model, String detector) {
        if (model == null) {
            return Mia.detector().load(detector);
        }
        Path file = Path.of(detector);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--model " + model + " needs --detector FILE, a detector trained on that "
                    + "model with `mia train --model " + model + " --out FILE`; '" + detector + "' is not a file");
        }
        DetectorModel m = DetectorFiles.load(file);
        OnnxAttentionSource source = open(model);
        try {
            return new AttentionDetector(m, source, AttentionDetector.SourceOwnership.OWNED);
        } catch (IncompatibleSourceException e) {
            source.close();
            throw new IncompatibleSourceException(
                    file + " was not trained on --model " + model + ": " + e.getMessage()
                            + "; train one for it with `mia train --model " + model + " --out FILE`",
                    e);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }
}

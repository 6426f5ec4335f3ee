package io.github.miaj.cli;

import io.github.miaj.detect.RelationshipDetector;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --detector} options of every command that runs a detector (a picocli mixin). */
final class DetectorOptions {
    @Option(
            names = "--model",
            description = "Model the detector file was trained on, when it is not built in: a "
                    + "bundle folder or .onnx file (e.g. an export of facebook/bart-large-cnn; see docs/bart.md). Its "
                    + "fingerprint must match the one the detector file records.")
    String model;

    @Option(
            names = "--detector",
            defaultValue = "verbatim",
            description = "Detector file, or a built-in name: "
                    + "verbatim, paraphrase or paraphrase-e5 (default: ${DEFAULT-VALUE}).")
    String detector;

    /** The detector these options name; the caller closes it. */
    RelationshipDetector open() {
        return CliModels.detector(model, detector);
    }
}

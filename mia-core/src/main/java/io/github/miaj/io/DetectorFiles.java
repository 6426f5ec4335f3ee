package io.github.miaj.io;

import io.github.miaj.DetectorFileException;
import io.github.miaj.detect.DetectorModel;

import java.nio.file.Path;

/** Placeholder until the detector file format lands (branch h/io). */
public final class DetectorFiles {
    private DetectorFiles() {
    }

    public static void save(DetectorModel model, Path path) {
        throw new DetectorFileException("not yet");
    }

    public static DetectorModel load(Path path) {
        throw new DetectorFileException("not yet");
    }

    public static DetectorModel fromJson(String json, String origin) {
        throw new DetectorFileException("not yet");
    }
}

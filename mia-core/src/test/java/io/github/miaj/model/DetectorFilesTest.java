package io.github.miaj.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.DetectorFileException;
import io.github.miaj.InvalidInputException;
import io.github.miaj.io.Json;
import io.github.miaj.io.JsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorFilesTest {

    @TempDir
    Path dir;

    private static String validText() {
        return DetectorFiles.toJson(TestModels.sample());
    }

    private static DetectorFileException rejects(String text) {
        return assertThrows(DetectorFileException.class, () -> DetectorFiles.fromJson(text, "detector.json"));
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------ round trips

    @Test
    void saveThenLoadGivesAnEqualModelBitForBit() {
        DetectorModel model = TestModels.sample();
        Path file = dir.resolve("detector.json");
        DetectorFiles.save(model, file);
        DetectorModel back = DetectorFiles.load(file);
        assertEquals(model, back);
        double[] w = model.weights();
        double[] wb = back.weights();
        for (int i = 0; i < w.length; i++) {
            assertEquals(Double.doubleToRawLongBits(w[i]), Double.doubleToRawLongBits(wb[i]), "weight " + i);
        }
        assertEquals(Double.doubleToRawLongBits(model.bias()), Double.doubleToRawLongBits(back.bias()));
        assertEquals(model.provenance().options(), back.provenance().options());
        assertEquals(model.source().channels(), back.source().channels());
        assertEquals(model.devMetrics(), back.devMetrics());
    }

    @Test
    void randomModelsRoundTrip() {
        Random r = new Random(3);
        for (int i = 0; i < 50; i++) {
            Metrics m = i % 3 == 0
                    ? null
                    : new Metrics(
                            r.nextDouble(),
                            r.nextDouble(),
                            r.nextDouble(),
                            r.nextDouble(),
                            i % 3 == 1 ? Double.NaN : r.nextDouble(),
                            r.nextLong() & Long.MAX_VALUE,
                            Long.MAX_VALUE,
                            0L);
            DetectorModel model = TestModels.random(r, r.nextInt(30), m);
            String text = DetectorFiles.toJson(model);
            assertEquals(model, DetectorFiles.fromJson(text, "random"));
            assertEquals(
                    text, DetectorFiles.toJson(DetectorFiles.fromJson(text, "random")), "writing is deterministic");
        }
    }

    @Test
    void missingDevMetricsAndNaNPrAucAndNullStringsRoundTrip() {
        DetectorModel base = TestModels.sample();
        DetectorModel noDev = new DetectorModel(
                base.relationship(),
                base.features(),
                base.featureNames(),
                base.weights(),
                base.bias(),
                base.decoding(),
                new SourceInfo(null, null, List.of()),
                new Provenance(null, null, Map.of(), null, null, null),
                null);
        String text = DetectorFiles.toJson(noDev);
        assertTrue(text.contains("\"devMetrics\": null"), text);
        assertEquals(noDev, DetectorFiles.fromJson(text, "x"));

        DetectorModel noAuc = TestModels.withMetrics(Metrics.of(1, 2, 3, 0.5, Double.NaN));
        String t2 = DetectorFiles.toJson(noAuc);
        assertTrue(t2.contains("\"prAuc\": null"), t2);
        DetectorModel back = DetectorFiles.fromJson(t2, "x");
        assertTrue(Double.isNaN(back.devMetrics().prAuc()));
        assertEquals(noAuc, back);
    }

    @Test
    void growThresholdIsSavedWhenSetAndOptionalOnLoad() {
        DetectorModel base = TestModels.sample();
        String old = DetectorFiles.toJson(base);
        // a decoding without growing is written as before, so files of earlier versions keep their bytes
        assertFalse(old.contains("\"grow\""), old);
        assertFalse(DetectorFiles.fromJson(old, "x").decoding().grows());
        DetectorModel grown = new DetectorModel(
                base.relationship(),
                base.features(),
                base.featureNames(),
                base.weights(),
                base.bias(),
                base.decoding().withGrow(0.85),
                base.source(),
                base.provenance(),
                base.devMetrics());
        String text = DetectorFiles.toJson(grown);
        assertTrue(text.contains("\"grow\": 0.85"), text);
        assertEquals(grown, DetectorFiles.fromJson(text, "x"));
        assertMessage(
                rejects(text.replace("\"grow\": 0.85", "\"grow\": 2.0")),
                "detector.json: field 'decoding' is invalid",
                "grow threshold 2.0 must lie in [0, 1]");
        assertMessage(
                rejects(text.replace("\"grow\": 0.85", "\"grow\": \"high\"")),
                "field 'decoding.grow' must be a number");
        assertMessage(rejects(text.replace("\"grow\": 0.85", "\"grows\": 0.85")), "field 'decoding.grows' is unknown");
    }

    @Test
    void runFeatureIsSavedWhenOnAndOptionalOnLoad() {
        DetectorModel base = TestModels.sample();
        String text = DetectorFiles.toJson(base);
        assertTrue(text.contains("\"run\": true"), text);
        assertTrue(DetectorFiles.fromJson(text, "x").features().run());
        // a detector from before lex.run existed: no key written, none needed to load, the same spec back
        DetectorModel old = new DetectorModel(
                base.relationship(),
                base.features().toBuilder().optRun(false).build(),
                base.featureNames(),
                base.weights(),
                base.bias(),
                base.decoding(),
                base.source(),
                base.provenance(),
                base.devMetrics());
        String oldText = DetectorFiles.toJson(old);
        assertFalse(oldText.contains("\"run\""), oldText);
        assertEquals(old, DetectorFiles.fromJson(oldText, "x"));
        assertEquals(oldText, DetectorFiles.toJson(DetectorFiles.fromJson(oldText, "x")));
        assertMessage(rejects(text.replace("\"run\": true", "\"run\": \"yes\"")), "field 'features.run' must be");
    }

    @Test
    void positionFeaturesAreSavedWhenOnAndOptionalOnLoad() {
        DetectorModel base = TestModels.sample();
        String old = DetectorFiles.toJson(base);
        // a spec without position features is written as before, so earlier files keep their bytes
        assertFalse(old.contains("\"position\""), old);
        assertFalse(DetectorFiles.fromJson(old, "x").features().position());
        List<String> names = new ArrayList<>(base.featureNames());
        double[] weights = Arrays.copyOf(base.weights(), base.weights().length);
        DetectorModel positioned = new DetectorModel(
                base.relationship(),
                base.features().toBuilder().optPosition(true).build(),
                names,
                weights,
                base.bias(),
                base.decoding(),
                base.source(),
                base.provenance(),
                base.devMetrics());
        String text = DetectorFiles.toJson(positioned);
        assertTrue(text.contains("\"position\": true"), text);
        assertEquals(positioned, DetectorFiles.fromJson(text, "x"));
        assertTrue(DetectorFiles.fromJson(text, "x").features().position());
        assertMessage(
                rejects(text.replace("\"position\": true", "\"position\": 1")), "field 'features.position' must be");
        assertMessage(
                rejects(text.replace("\"position\": true", "\"positions\": true")),
                "field 'features.positions' is unknown");
    }

    @Test
    void fileIsReadableJsonInTheDocumentedLayout() throws IOException {
        Path file = dir.resolve("d.json");
        DetectorFiles.save(TestModels.sample(), file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"format\": \"mia-detector\",\n  \"formatVersion\": 1,\n"), text);
        assertTrue(text.endsWith("}\n"));
        assertTrue(text.contains("\n  \"weights\": [-0.0, "), "weights are one line: " + text);
        assertTrue(text.contains("\"featureNames\": [\n    \"self.L00.H00.ab\",\n    \"self.L00.H00.ab@-1\","), text);
        assertTrue(text.contains("\"granularity\": \"token\""), text);
        assertTrue(text.contains("\"argmax\": \"either\""), text);
        assertTrue(text.contains("\"channels\": [\n      \"self.L00.H00.ab\""), text);
        // options are sorted so that equal models give equal bytes
        assertTrue(
                text.indexOf("\"classWeight\"") < text.indexOf("\"epochs\"")
                        && text.indexOf("\"epochs\"") < text.indexOf("\"l2\""),
                text);
        List<String> keys = new ArrayList<>(((Map<?, ?>) Json.parse(text))
                .keySet().stream().map(Object::toString).toList());
        assertEquals(
                List.of(
                        "format",
                        "formatVersion",
                        "relationship",
                        "features",
                        "featureNames",
                        "weights",
                        "bias",
                        "decoding",
                        "source",
                        "provenance",
                        "devMetrics"),
                keys);
    }

    @Test
    void enumsAreReadInAnyCaseAndABomIsTolerated() {
        String text = validText().replace("\"token\"", "\"TOKEN\"").replace("\"either\"", "\"Either\"");
        assertEquals(TestModels.sample(), DetectorFiles.fromJson("\uFEFF" + text, "x"));
    }

    // ------------------------------------------------------------------------------------ refusals

    @Test
    void newerFormatVersionAsksForAnUpgrade() {
        DetectorFileException e = rejects(validText()
                .replace("\"formatVersion\": 1", "\"formatVersion\": 2")
                .replace("\"bias\"", "\"someFutureField\": 1,\n  \"bias\""));
        assertEquals(
                "detector.json was written by a newer MIA-J (format version 2); this version reads format 1: "
                        + "upgrade MIA-J",
                e.getMessage());
        assertMessage(rejects(validText().replace("\"formatVersion\": 1", "\"formatVersion\": 0")), "format version 0");
        assertMessage(
                rejects(validText().replace("\"formatVersion\": 1", "\"formatVersion\": \"1\"")),
                "field 'formatVersion' must be a whole number");
        assertMessage(
                rejects(validText().replace("\"formatVersion\": 1", "\"formatVersion\": 1.0")),
                "field 'formatVersion' must be a whole number");
    }

    @Test
    void foreignJsonIsNotADetector() {
        assertMessage(rejects("[1, 2]"), "detector.json is not a MIA-J detector file", "an array");
        assertMessage(
                rejects("{\"name\": \"bert\", \"layers\": 12}"),
                "detector.json is not a MIA-J detector file",
                "no \"format\" field");
        assertMessage(rejects("{\"format\": \"onnx\"}"), "detector.json is not a MIA-J detector file", "\"onnx\"");
        assertMessage(rejects("\"mia-detector\""), "is not a MIA-J detector file", "the string");
    }

    @Test
    void truncatedOrCorruptTextNamesFileLineAndColumn() {
        String text = validText();
        String cut = text.substring(0, text.indexOf("\"decoding\"") + 15);
        DetectorFileException e = rejects(cut);
        int line = (int) cut.chars().filter(c -> c == '\n').count() + 1;
        assertMessage(e, "detector.json:" + line + ":", "not valid JSON", "truncated or corrupt");
        assertInstanceOf(JsonException.class, e.getCause());
        assertMessage(rejects(""), "detector.json:1:1:");
        assertMessage(rejects(text + "}"), "after the JSON value");
        assertMessage(rejects(text.replace("\"bias\": ", "\"bias\": 1e999, \"x\": ")), "beyond the range of a double");
    }

    @Test
    void wrongTypesAndMissingFieldsNameTheFieldPath() {
        String text = validText();
        assertEquals(
                "detector.json: field 'decoding.threshold' must be a number, not the string \"high\"",
                rejects(text.replace("\"threshold\": 0.6180339887498949", "\"threshold\": \"high\""))
                        .getMessage());
        assertMessage(
                rejects(text.replace("\"threshold\": 0.6180339887498949,", "")),
                "field 'decoding.threshold' is missing");
        assertMessage(
                rejects(text.replace("\"lexical\": true", "\"lexical\": 1")),
                "field 'features.lexical' must be true or false, not the number 1");
        assertMessage(
                rejects(text.replace("\"granularity\": \"token\"", "\"granularity\": \"wrod\"")),
                "field 'features.granularity' must be one of token, word");
        assertMessage(
                rejects(text.replace("\"minPhrase\": 2", "\"minPhrase\": 2.5")),
                "field 'decoding.minPhrase' must be a whole number");
        assertMessage(
                rejects(text.replace("\"minPhrase\": 2", "\"minPhrase\": 99999999999")),
                "field 'decoding.minPhrase'",
                "range of an int");
        assertMessage(
                rejects(text.replace("\"weights\": [-0.0,", "\"weights\": [null,")),
                "field 'weights[0]' must be a number, not null");
        assertMessage(
                rejects(text.replace("\"self.L00.H00.ab@-1\"", "7")),
                "field 'featureNames[1]' must be a string, not the number 7");
        assertMessage(
                rejects(text.replace("\"source\": {", "\"source\": {\"extra\": 1, ")),
                "field 'source.extra' is unknown");
        assertMessage(
                rejects(text.replace("\"epochs\": \"50\"", "\"epochs\": 50")),
                "field 'provenance.options.epochs' must be a string");
        assertMessage(
                rejects(text.replace("\"truePositives\": 90", "\"truePositives\": -1.5")),
                "field 'devMetrics.truePositives' must be a whole number");
        assertMessage(
                rejects(text.replace("\"provenance\": {", "\"provenance\": [{")
                        .replace("\"javaVersion\": \"17.0.15\"\n  }", "\"javaVersion\": \"17.0.15\"\n  }]")),
                "field 'provenance' must be an object, not an array");
        assertMessage(rejects(text.replace("\"relationship\": \"verbatim\",", "")), "field 'relationship' is missing");
    }

    @Test
    void invalidValuesFromTheRecordsAreFileErrors() {
        String text = validText();
        DetectorFileException threshold =
                rejects(text.replace("\"threshold\": 0.6180339887498949", "\"threshold\": 1.5"));
        assertMessage(threshold, "detector.json: field 'decoding' is invalid", "1.5 must lie in [0, 1]");
        assertInstanceOf(InvalidInputException.class, threshold.getCause());
        assertMessage(rejects(text.replace("\"minPhrase\": 2", "\"minPhrase\": 0")), "detector.json:", "at least 1");
        assertMessage(
                rejects(text.replace("\"relationship\": \"verbatim\"", "\"relationship\": \" \"")),
                "detector.json: the detector is invalid");
        assertMessage(rejects(text.replace("\"weights\": [-0.0, ", "\"weights\": [")), "feature names but", "weights");
        assertMessage(
                rejects(text.replace("\"sim.L03\"\n    ]", "\"sim.L3x\"\n    ]")),
                "field 'source.channels[",
                "is not a head name");
        // a layer number beyond an int must not escape as a NumberFormatException
        assertMessage(rejects(text.replace("\"sim.L03\"\n    ]", "\"sim.L99999999999\"\n    ]")), "is not a head name");
    }

    @Test
    void missingUnreadableAndBinaryFiles() throws IOException {
        Path missing = dir.resolve("nope.json");
        assertMessage(
                assertThrows(DetectorFileException.class, () -> DetectorFiles.load(missing)),
                missing.toString(),
                "does not exist",
                "check the path");
        assertMessage(assertThrows(DetectorFileException.class, () -> DetectorFiles.load(dir)), "is a directory");
        Path binary = dir.resolve("model.onnx");
        Files.write(binary, new byte[] {0x08, 0x07, '\n', 0x12, (byte) 0xff, (byte) 0xfe, 0x00});
        assertMessage(
                assertThrows(DetectorFileException.class, () -> DetectorFiles.load(binary)),
                binary + ":2:2:",
                "not UTF-8");
        Path wrongType = Files.writeString(
                dir.resolve("wrong.json"),
                validText().replace("\"threshold\": 0.6180339887498949", "\"threshold\": true"));
        assertEquals(
                wrongType + ": field 'decoding.threshold' must be a number, not the boolean true",
                assertThrows(DetectorFileException.class, () -> DetectorFiles.load(wrongType))
                        .getMessage());
        Path newer = Files.writeString(
                dir.resolve("newer.json"), validText().replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
        assertMessage(
                assertThrows(DetectorFileException.class, () -> DetectorFiles.load(newer)),
                newer + " was written by a newer MIA-J (format version 2)");
        Path empty = Files.createFile(dir.resolve("empty.json"));
        assertMessage(
                assertThrows(DetectorFileException.class, () -> DetectorFiles.load(empty)),
                empty + ":1:1:",
                "not valid JSON");
    }

    // ------------------------------------------------------------------------------------ atomic save

    @Test
    void failedSaveLeavesOldFileIntactAndNoTempFile() throws IOException {
        Path file = dir.resolve("detector.json");
        DetectorFiles.save(TestModels.sample(), file);
        byte[] before = Files.readAllBytes(file);

        DetectorModel nanMetric = TestModels.withMetrics(new Metrics(Double.NaN, 0.5, 0.5, 0.5, 0.5, 1, 1, 1));
        DetectorFileException e = assertThrows(DetectorFileException.class, () -> DetectorFiles.save(nanMetric, file));
        assertMessage(e, file.toString(), "'devMetrics.precision'", "NaN");

        DetectorModel base = TestModels.sample();
        double[] w = base.weights();
        w[3] = Double.POSITIVE_INFINITY;
        DetectorModel infWeight = new DetectorModel(
                base.relationship(),
                base.features(),
                base.featureNames(),
                w,
                base.bias(),
                base.decoding(),
                base.source(),
                base.provenance(),
                base.devMetrics());
        assertMessage(
                assertThrows(DetectorFileException.class, () -> DetectorFiles.save(infWeight, file)),
                "'weights[3]'",
                "Infinity",
                "retrain");

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void directoryAsTargetIsRefusedAndLeavesNothing() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("out"));
        assertMessage(
                assertThrows(DetectorFileException.class, () -> DetectorFiles.save(TestModels.sample(), sub)),
                "is a directory",
                "detector.json");
        assertEquals(List.of(), list(sub));
        assertEquals(List.of(sub), list(dir));
    }

    @Test
    void parentThatIsAFileIsAnIoErrorAndLeavesNothing() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain.txt"), "x");
        Path target = notADir.resolve("detector.json");
        assertMessage(
                assertThrows(DetectorFileException.class, () -> DetectorFiles.save(TestModels.sample(), target)),
                "cannot save the detector to " + target);
        assertEquals(List.of(notADir), list(dir));
        assertEquals("x", Files.readString(notADir));
    }

    @Test
    void saveReplacesCreatesParentsAndLeavesNoTempFile() throws IOException {
        Path file = dir.resolve("a/b/detector.json");
        DetectorFiles.save(TestModels.sample(), file);
        DetectorModel other = TestModels.random(new Random(99), 3, null);
        DetectorFiles.save(other, file);
        assertEquals(other, DetectorFiles.load(file));
        assertEquals(List.of(file), list(file.getParent()));
        assertEquals(DetectorFiles.toJson(other) + "\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void savedFileGetsOrdinaryPermissionsNotThoseOfATempFile() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // permissions only mean something on POSIX
        }
        Path file = dir.resolve("detector.json");
        DetectorFiles.save(TestModels.sample(), file);
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(file));
    }

    @Test
    void nullArgumentsAreInputErrors() {
        assertThrows(InvalidInputException.class, () -> DetectorFiles.save(null, dir.resolve("x.json")));
        assertThrows(InvalidInputException.class, () -> DetectorFiles.save(TestModels.sample(), null));
        assertThrows(InvalidInputException.class, () -> DetectorFiles.load(null));
        assertThrows(InvalidInputException.class, () -> DetectorFiles.fromJson(null, "x"));
        assertNull(DetectorFiles.fromJson(DetectorFiles.toJson(TestModels.random(new Random(1), 1, null)), null)
                .devMetrics());
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}

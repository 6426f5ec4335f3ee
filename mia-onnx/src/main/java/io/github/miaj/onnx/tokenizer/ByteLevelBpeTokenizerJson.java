package io.github.miaj.onnx.tokenizer;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import io.github.miaj.io.AtomicFiles;
import io.github.miaj.io.Json;
import io.github.miaj.io.JsonException;
import io.github.miaj.io.StrictText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a Hugging Face {@code tokenizer.json} for a GPT-2 style byte-level BPE tokenizer (RoBERTa, BART)
 * from the classic {@code vocab.json} + {@code merges.txt} pair, so that DJL's {@code HuggingFaceTokenizer}
 * (which reads only {@code tokenizer.json}) can tokenise exactly like the model was trained.
 *
 * <p>With {@link Options#bart()} the result is equivalent to the {@code tokenizer.json} of
 * {@code facebook/bart-large-cnn}: BPE model (no dropout, no unknown token, {@code fuse_unk=false}),
 * ByteLevel pre-tokenizer ({@code add_prefix_space=false} as {@code BartTokenizerFast}'s default,
 * {@code trim_offsets=true}, {@code use_regex=true}), RoBERTa post-processor ({@code <s> A </s>} and
 * {@code <s> A </s></s> B </s>}), ByteLevel decoder, and the special tokens {@code <s> <pad> </s> <unk> <mask>}
 * as added tokens with the ids the vocabulary gives them.
 *
 * <p>The vocabulary reader accepts only what {@code vocab.json} is: one flat JSON object of string keys and
 * non-negative integer ids (with {@code \}{@code uXXXX} escapes and surrogate pairs). Merges must name tokens of the
 * vocabulary, as the Hugging Face loader requires; a leading {@code #version} line is skipped.
 *
 * <p>Command line, no dependencies beyond this module:
 * <pre>java -cp mia-onnx.jar:mia-core.jar io.github.miaj.onnx.tokenizer.ByteLevelBpeTokenizerJson
 *     vocab.json merges.txt bundle/tokenizer.json [--add-prefix-space]</pre>
 */
public final class ByteLevelBpeTokenizerJson {

    private ByteLevelBpeTokenizerJson() {}

    /**
     * What to put into the tokenizer besides vocabulary and merges.
     *
     * @param addPrefixSpace whether the pre-tokenizer adds a space before the text, so the first word is
     *                       tokenised like a word inside a sentence ({@code false} for BART, as its fast tokenizer)
     * @param trimOffsets    whether character offsets leave out the leading space a token carries
     * @param bos            beginning-of-sequence token ({@code cls} of the post-processor), e.g. {@code <s>}
     * @param pad            padding token, e.g. {@code <pad>}
     * @param eos            end-of-sequence token ({@code sep} of the post-processor), e.g. {@code </s>}
     * @param unk            unknown token registered as a special token, e.g. {@code <unk>} (the BPE model itself
     *                       has none: every byte is in a byte-level vocabulary)
     * @param mask           mask token, e.g. {@code <mask>}; it swallows the space before it ({@code lstrip})
     */
    public record Options(
            boolean addPrefixSpace, boolean trimOffsets, String bos, String pad, String eos, String unk, String mask) {

        /** Checks that every token name is given. */
        public Options {
            for (String name : new String[] {bos, pad, eos, unk, mask}) {
                if (name == null || name.isEmpty()) {
                    throw new InvalidInputException("Every special token of the tokenizer options must be named "
                            + "(bos, pad, eos, unk, mask); got " + name + ". Start from Options.bart().");
                }
            }
        }

        /** BART's (and RoBERTa's) settings: no prefix space, trimmed offsets, {@code <s> <pad> </s> <unk> <mask>}. */
        public static Options bart() {
            return new Options(false, true, "<s>", "<pad>", "</s>", "<unk>", "<mask>");
        }

        /** The same options with another {@code add_prefix_space}. */
        public Options withAddPrefixSpace(boolean value) {
            return new Options(value, trimOffsets, bos, pad, eos, unk, mask);
        }

        /** The same options with another {@code trim_offsets}. */
        public Options withTrimOffsets(boolean value) {
            return new Options(addPrefixSpace, value, bos, pad, eos, unk, mask);
        }
    }

    /** One BPE merge rule: the pair {@code left right} becomes {@code left + right}. */
    record Merge(String left, String right) {}

    /**
     * Reads {@code vocab.json} and {@code merges.txt} and returns the {@code tokenizer.json} text.
     *
     * @throws ModelException when a file is missing, unreadable or malformed, when a merge names a token the
     *                        vocabulary lacks, or when a special token of {@code options} is not in the vocabulary
     */
    public static String build(Path vocabJson, Path mergesTxt, Options options) {
        Objects.requireNonNull(options, "options");
        Map<String, Integer> vocab = parseVocab(readUtf8(vocabJson), vocabJson.toString());
        List<Merge> merges = parseMerges(readUtf8(mergesTxt), mergesTxt.toString());
        return build(vocab, merges, options, vocabJson + " / " + mergesTxt);
    }

    /**
     * Builds the {@code tokenizer.json} like {@link #build(Path, Path, Options)} and writes it to {@code target}
     * atomically (a temporary file beside it, then a move), so a reader never sees half a file.
     *
     * @return {@code target}
     */
    public static Path write(Path vocabJson, Path mergesTxt, Options options, Path target) {
        String json = build(vocabJson, mergesTxt, options);
        writeAtomically(target, json);
        return target;
    }

    /**
     * Command-line entry point: {@code vocab.json merges.txt out/tokenizer.json [--add-prefix-space]}.
     * Prints the path written, or a message and exit status 2 on bad arguments, 1 on failure.
     */
    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        Options options = Options.bart();
        for (String arg : args) {
            if (arg.equals("--add-prefix-space")) {
                options = options.withAddPrefixSpace(true);
            } else if (arg.startsWith("--")) {
                positional.clear();
                break;
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 3) {
            System.err.println("usage: ByteLevelBpeTokenizerJson VOCAB_JSON MERGES_TXT OUT_TOKENIZER_JSON "
                    + "[--add-prefix-space]\n  builds a Hugging Face tokenizer.json (BART/RoBERTa byte-level BPE).");
            System.exit(2);
            return;
        }
        try {
            Path out =
                    write(Path.of(positional.get(0)), Path.of(positional.get(1)), options, Path.of(positional.get(2)));
            System.out.println("wrote " + out.toAbsolutePath());
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ building

    static String build(Map<String, Integer> vocab, List<Merge> merges, Options options, String source) {
        for (int i = 0; i < merges.size(); i++) {
            Merge m = merges.get(i);
            for (String part : new String[] {m.left(), m.right(), m.left() + m.right()}) {
                if (!vocab.containsKey(part)) {
                    throw new ModelException("Merge " + (i + 1) + " (" + m.left() + " " + m.right() + ") of " + source
                            + " needs the token '" + part + "', which the vocabulary lacks. Use the vocab.json "
                            + "and merges.txt of the same model.");
                }
            }
        }
        int bos = specialId(vocab, options.bos(), source);
        int pad = specialId(vocab, options.pad(), source);
        int eos = specialId(vocab, options.eos(), source);
        int unk = specialId(vocab, options.unk(), source);
        int mask = specialId(vocab, options.mask(), source);

        StringBuilder out = new StringBuilder(vocab.size() * 24 + merges.size() * 16 + 1024);
        out.append("{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n");
        out.append("  \"added_tokens\": [\n");
        // The order and flags are those of facebook/bart-large-cnn: <mask> strips the space before it.
        List<String> added = new ArrayList<>();
        added.add(addedToken(bos, options.bos(), false, true));
        added.add(addedToken(pad, options.pad(), false, true));
        added.add(addedToken(eos, options.eos(), false, true));
        added.add(addedToken(unk, options.unk(), false, true));
        added.add(addedToken(mask, options.mask(), true, false));
        out.append(String.join(",\n", added)).append("\n  ],\n");
        out.append("  \"normalizer\": null,\n");
        out.append("  \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": ")
                .append(options.addPrefixSpace())
                .append(", \"trim_offsets\": ")
                .append(options.trimOffsets())
                .append(", \"use_regex\": true},\n");
        out.append("  \"post_processor\": {\"type\": \"RobertaProcessing\", \"sep\": [");
        appendString(out, options.eos());
        out.append(", ").append(eos).append("], \"cls\": [");
        appendString(out, options.bos());
        out.append(", ")
                .append(bos)
                .append("], \"trim_offsets\": ")
                .append(options.trimOffsets())
                .append(", \"add_prefix_space\": ")
                .append(options.addPrefixSpace())
                .append("},\n");
        out.append("  \"decoder\": {\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, "
                + "\"use_regex\": true},\n");
        // ignore_merges must stay false: GPT-2 always applies merges, even to words that are whole vocabulary entries.
        out.append("  \"model\": {\n    \"type\": \"BPE\",\n    \"dropout\": null,\n    \"unk_token\": null,\n"
                + "    \"continuing_subword_prefix\": \"\",\n    \"end_of_word_suffix\": \"\",\n"
                + "    \"fuse_unk\": false,\n    \"byte_fallback\": false,\n    \"ignore_merges\": false,\n");
        out.append("    \"vocab\": {");
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(vocab.entrySet());
        entries.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        boolean first = true;
        for (Map.Entry<String, Integer> e : entries) {
            out.append(first ? "\n      " : ",\n      ");
            first = false;
            appendString(out, e.getKey());
            out.append(": ").append(e.getValue());
        }
        out.append("\n    },\n    \"merges\": [");
        first = true;
        for (Merge m : merges) {
            out.append(first ? "\n      " : ",\n      ");
            first = false;
            // The "left right" string form is read by every tokenizers version; pieces never hold a space
            // (byte-level maps the space byte to 'Ġ'), and parseMerges guarantees that.
            appendString(out, m.left() + " " + m.right());
        }
        out.append("\n    ]\n  }\n}\n");
        return out.toString();
    }

    private static int specialId(Map<String, Integer> vocab, String token, String source) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new ModelException("The special token '" + token + "' is not in the vocabulary of " + source
                    + ". Name the model's own special tokens in the Options.");
        }
        return id;
    }

    private static String addedToken(int id, String content, boolean lstrip, boolean normalized) {
        StringBuilder b = new StringBuilder("    {\"id\": ").append(id).append(", \"content\": ");
        appendString(b, content);
        b.append(", \"single_word\": false, \"lstrip\": ")
                .append(lstrip)
                .append(", \"rstrip\": false, \"normalized\": ")
                .append(normalized)
                .append(", \"special\": true}");
        return b.toString();
    }

    /** Appends {@code s} as a JSON string, escaped by mia-core's strict writer (lone surrogates included). */
    static void appendString(StringBuilder out, String s) {
        out.append(Json.write(s));
    }

    // ------------------------------------------------------------------------------------------------ parsing

    /**
     * Parses a flat JSON object {@code {"token": id, ...}}, keeping the file's order.
     *
     * @throws ModelException naming {@code source} and the character position on any syntax error, on duplicate
     *                        tokens or ids, on negative or non-integer ids, and on unpaired surrogates
     */
    static Map<String, Integer> parseVocab(String json, String source) {
        // A UTF-8 byte order mark is not JSON, but editors write it; skip it rather than fail.
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        Object root;
        try {
            root = Json.parse(text);
        } catch (JsonException e) {
            throw notVocabulary(source, e.getMessage());
        }
        if (!(root instanceof Map<?, ?> entries)) {
            throw notVocabulary(
                    source,
                    "the file holds " + (root instanceof List ? "an array" : "a single value") + ", not an object");
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        Map<Integer, String> byId = new HashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String token = (String) e.getKey();
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                // surrogates may come raw or as \uD83D\uDE00 escapes; either way they must pair up
                if (Character.isHighSurrogate(c)
                        && i + 1 < token.length()
                        && Character.isLowSurrogate(token.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw notVocabulary(source, "the token '" + token + "' holds an unpaired surrogate");
                }
            }
            if (!(e.getValue() instanceof Long id) || id < 0) {
                throw notVocabulary(
                        source, "the id of '" + token + "' is " + e.getValue() + ", not a non-negative integer");
            }
            if (id > Integer.MAX_VALUE) {
                throw notVocabulary(source, "the token id " + id + " of '" + token + "' is too large");
            }
            String previous = byId.put(id.intValue(), token);
            if (previous != null) {
                throw notVocabulary(
                        source, "the id " + id + " is given to both '" + previous + "' and '" + token + "'");
            }
            vocab.put(token, id.intValue());
        }
        if (vocab.isEmpty()) {
            throw new ModelException(source + " is an empty vocabulary. Pass the model's vocab.json.");
        }
        return vocab;
    }

    private static ModelException notVocabulary(String source, String what) {
        return new ModelException(
                source + " is not a flat {\"token\": id} vocabulary: " + what + ". Pass the model's vocab.json.");
    }

    /**
     * Parses {@code merges.txt}: one {@code left right} pair a line; a first line starting with {@code #version}
     * and blank lines are skipped (as Hugging Face's reader does).
     */
    static List<Merge> parseMerges(String text, String source) {
        List<Merge> merges = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || n == 0 && line.startsWith("#version")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                throw new ModelException("Line " + (n + 1) + " of " + source + " is not a merge 'LEFT RIGHT' "
                        + "(two tokens separated by one space): '" + line + "'. Pass GPT-2 style merges.txt.");
            }
            merges.add(new Merge(line.substring(0, space), line.substring(space + 1)));
        }
        if (merges.isEmpty()) {
            throw new ModelException(source + " holds no merges. Pass the merges.txt that belongs to the vocabulary.");
        }
        return merges;
    }

    // ------------------------------------------------------------------------------------------------ files

    private static String readUtf8(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new ModelException("Tokenizer file " + file + " does not exist or is not a file. "
                    + "Pass the vocab.json and merges.txt of the model.");
        }
        try {
            return StrictText.decodeUtf8(
                    Files.readAllBytes(file),
                    at -> new ModelException("Tokenizer file " + file + " is not valid UTF-8 (bad byte at offset " + at
                            + "). Pass the original file."));
        } catch (IOException e) {
            throw new ModelException("Cannot read tokenizer file " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path target, String text) {
        try {
            AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (FileSystemException e) {
            throw new ModelException(
                    "Cannot write " + target + ": " + (e.getReason() != null ? e.getReason() : e.toString()), e);
        } catch (IOException e) {
            throw new ModelException(
                    "Cannot write " + target.toAbsolutePath() + ": " + e.getMessage()
                            + ". Check that the folder is writable.",
                    e);
        }
    }
}

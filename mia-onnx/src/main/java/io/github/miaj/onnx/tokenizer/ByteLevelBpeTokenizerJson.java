package io.github.miaj.onnx.tokenizer;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import io.github.miaj.io.AtomicFiles;
import io.github.miaj.io.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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

    private ByteLevelBpeTokenizerJson() {
    }

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
    public record Options(boolean addPrefixSpace, boolean trimOffsets, String bos, String pad, String eos,
                          String unk, String mask) {

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
    record Merge(String left, String right) {
    }

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
            Path out = write(Path.of(positional.get(0)), Path.of(positional.get(1)), options,
                    Path.of(positional.get(2)));
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
        out.append("  \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": ").append(options.addPrefixSpace())
                .append(", \"trim_offsets\": ").append(options.trimOffsets()).append(", \"use_regex\": true},\n");
        out.append("  \"post_processor\": {\"type\": \"RobertaProcessing\", \"sep\": [");
        appendString(out, options.eos());
        out.append(", ").append(eos).append("], \"cls\": [");
        appendString(out, options.bos());
        out.append(", ").append(bos).append("], \"trim_offsets\": ").append(options.trimOffsets())
                .append(", \"add_prefix_space\": ").append(options.addPrefixSpace()).append("},\n");
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
        b.append(", \"single_word\": false, \"lstrip\": ").append(lstrip)
                .append(", \"rstrip\": false, \"normalized\": ").append(normalized).append(", \"special\": true}");
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
        return new VocabParser(json, source).parse();
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

    private static final class VocabParser {
        private final String s;
        private final String source;
        private int pos;

        VocabParser(String s, String source) {
            // A UTF-8 byte order mark is not JSON, but editors write it; skip it rather than fail.
            this.s = s.startsWith("\uFEFF") ? s.substring(1) : s;
            this.source = source;
        }

        Map<String, Integer> parse() {
            Map<String, Integer> vocab = new LinkedHashMap<>();
            Map<Integer, String> byId = new HashMap<>();
            skipWhitespace();
            expect('{');
            skipWhitespace();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    skipWhitespace();
                    int keyAt = pos;
                    String key = readString();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    int id = readId();
                    if (vocab.put(key, id) != null) {
                        throw error("the token '" + key + "' appears twice", keyAt);
                    }
                    String previous = byId.put(id, key);
                    if (previous != null) {
                        throw error("the id " + id + " is given to both '" + previous + "' and '" + key + "'", keyAt);
                    }
                    skipWhitespace();
                    char c = next();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or '}' but found '" + c + "'", pos - 1);
                    }
                }
            }
            skipWhitespace();
            if (pos != s.length()) {
                throw error("unexpected text after the closing '}'", pos);
            }
            if (vocab.isEmpty()) {
                throw new ModelException(source + " is an empty vocabulary. Pass the model's vocab.json.");
            }
            return vocab;
        }

        private String readString() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("a string is not closed", pos);
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw error("raw control character U+" + String.format("%04X", (int) c) + " inside a string", pos - 1);
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case '/' -> b.append('/');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> b.append(readHex4());
                    default -> throw error("unknown escape '\\" + e + "'", pos - 2);
                }
            }
            String value = b.toString();
            // Surrogates may come raw or as \\uD83D\\uDE00 escapes; either way they must pair up.
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw error("the string '" + value + "' holds an unpaired surrogate", pos);
                }
            }
            return value;
        }

        private char readHex4() {
            if (pos + 4 > s.length()) {
                throw error("a \\u escape needs four hex digits", pos);
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0) {
                    throw error("a \\u escape needs four hex digits", pos);
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private int readId() {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                pos++;
            }
            if (pos == start) {
                throw error("a token id must be a non-negative integer", start);
            }
            if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                throw error("a token id must be an integer", start);
            }
            if (pos - start > 1 && s.charAt(start) == '0') {
                throw error("a number has a leading zero", start);
            }
            try {
                return Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("the token id " + s.substring(start, pos) + " is too large", start);
            }
        }

        private void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("the file ends too early", pos);
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            char got = next();
            if (got != c) {
                throw error("expected '" + c + "' but found '" + got + "'", pos - 1);
            }
        }

        private ModelException error(String what, int at) {
            return new ModelException(source + " is not a flat {\"token\": id} vocabulary: " + what
                    + " at character " + at + ". Pass the model's vocab.json.");
        }
    }

    // ------------------------------------------------------------------------------------------------ files

    private static String readUtf8(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new ModelException("Tokenizer file " + file + " does not exist or is not a file. "
                    + "Pass the vocab.json and merges.txt of the model.");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelException("Tokenizer file " + file + " is not valid UTF-8. Pass the original file.", e);
        } catch (IOException e) {
            throw new ModelException("Cannot read tokenizer file " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path target, String text) {
        try {
            AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (FileSystemException e) {
            throw new ModelException("Cannot write " + target + ": " + (e.getReason() != null ? e.getReason()
                    : e.toString()), e);
        } catch (IOException e) {
            throw new ModelException("Cannot write " + target.toAbsolutePath() + ": " + e.getMessage()
                    + ". Check that the folder is writable.", e);
        }
    }
}

package io.github.miaj.onnx.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.github.miaj.onnx.testing.SharedData;
import io.github.miaj.onnx.testing.TinyBpe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizer.json built from BART's real vocab.json + merges.txt tokenises, under DJL, exactly like GPT-2's
 * original encoder.py (fixture {@code bart-bpe-expected.tsv}, made by {@code src/test/python/gpt2_bpe_reference.py}).
 * Skipped when {@code ../shared/data/bart-tokenizer} is absent (a fresh clone); point {@code -Dmia.shared.data}
 * at a data folder to run it elsewhere.
 */
@Tag("model")
class BartTokenizerParityTest {

    private static final String FIXTURE = "bart-bpe-expected.tsv";

    record Case(String text, long[] ids) {}

    @BeforeAll
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    @TempDir
    Path tmp;

    private HuggingFaceTokenizer bartTokenizer() throws IOException {
        Optional<Path> dir = SharedData.find("bart-tokenizer");
        assumeTrue(
                dir.isPresent(),
                "Skipped: BART vocab.json/merges.txt not found under ../shared/data/bart-tokenizer "
                        + "(set -Dmia.shared.data=DIR to point at the shared data folder).");
        Path json = ByteLevelBpeTokenizerJson.write(
                dir.get().resolve("vocab.json"),
                dir.get().resolve("merges.txt"),
                ByteLevelBpeTokenizerJson.Options.bart(),
                tmp.resolve("tokenizer.json"));
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(json)
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build();
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = BartTokenizerParityTest.class.getResourceAsStream(FIXTURE)) {
            assertNotNull(in, FIXTURE);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                long[] ids = Arrays.stream(line.substring(tab + 1).trim().split(" "))
                        .mapToLong(Long::parseLong)
                        .toArray();
                cases.add(new Case(unescape(line.substring(0, tab)), ids));
            }
        }
        return cases;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            b.append(
                    switch (e) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case '\\' -> '\\';
                        default -> throw new AssertionError("bad escape \\" + e + " in fixture");
                    });
        }
        return b.toString();
    }

    @Test
    void idsMatchGpt2Reference() throws IOException {
        try (HuggingFaceTokenizer tok = bartTokenizer()) {
            List<Case> cases = cases();
            assertTrue(cases.size() >= 20, "fixture too small");
            for (Case c : cases) {
                assertArrayEquals(c.ids(), tok.encode(c.text(), false, false).getIds(), () -> "text: " + c.text());
            }
        }
    }

    @Test
    void templateAddsBartSpecials() throws IOException {
        try (HuggingFaceTokenizer tok = bartTokenizer()) {
            List<Case> cases = cases();
            Case a = cases.get(0);
            Case b = cases.get(cases.size() - 3);
            long[] single = tok.encode(a.text(), true, false).getIds();
            long[] expected = new long[a.ids().length + 2];
            expected[0] = 0;
            System.arraycopy(a.ids(), 0, expected, 1, a.ids().length);
            expected[expected.length - 1] = 2;
            assertArrayEquals(expected, single);

            long[] pair = tok.encode(a.text(), b.text(), true, false).getIds();
            long[] both = new long[a.ids().length + b.ids().length + 4];
            int k = 0;
            both[k++] = 0;
            for (long id : a.ids()) {
                both[k++] = id;
            }
            both[k++] = 2;
            both[k++] = 2;
            for (long id : b.ids()) {
                both[k++] = id;
            }
            both[k] = 2;
            assertArrayEquals(both, pair);
        }
    }

    /**
     * DJL's offsets count Unicode code points, NOT Java chars: after an emoji (a surrogate pair) they differ,
     * so a caller must map them with {@code String.offsetByCodePoints}. Mapped so, every token whose bytes are
     * whole characters covers exactly its text, without the leading space (trim_offsets), except the first
     * token of the text.
     */
    @Test
    void offsetsPointAtTheTokensText() throws IOException {
        char[] map = TinyBpe.bytesToUnicode();
        int[] inverse = new int[512];
        for (int b = 0; b < 256; b++) {
            inverse[map[b]] = b;
        }
        try (HuggingFaceTokenizer tok = bartTokenizer()) {
            int checked = 0;
            for (Case c : cases()) {
                Encoding e = tok.encode(c.text(), false, false);
                String[] tokens = e.getTokens();
                CharSpan[] spans = e.getCharTokenSpans();
                assertEquals(tokens.length, spans.length);
                int lastStart = 0;
                for (int i = 0; i < tokens.length; i++) {
                    String where = "token " + i + " '" + tokens[i] + "' of: " + c.text();
                    int codePoints = c.text().codePointCount(0, c.text().length());
                    assertTrue(
                            0 <= spans[i].getStart()
                                    && spans[i].getStart() <= spans[i].getEnd()
                                    && spans[i].getEnd() <= codePoints,
                            where + " span " + spans[i].getStart() + ".." + spans[i].getEnd());
                    int start = c.text().offsetByCodePoints(0, spans[i].getStart());
                    int end = c.text().offsetByCodePoints(0, spans[i].getEnd());
                    assertTrue(start >= lastStart, where);
                    lastStart = start;
                    byte[] bytes = new byte[tokens[i].length()];
                    for (int j = 0; j < bytes.length; j++) {
                        bytes[j] = (byte) inverse[tokens[i].charAt(j)];
                    }
                    String surface;
                    try {
                        surface = StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes))
                                .toString();
                    } catch (CharacterCodingException partialCharacter) {
                        continue;
                    }
                    String trimmed = surface.replaceAll("^ +| +$", "");
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    String covered = c.text().substring(start, end);
                    assertTrue(
                            covered.equals(trimmed) || start == 0 && covered.equals(surface.replaceAll(" +$", "")),
                            where + " covers '" + covered + "'");
                    checked++;
                }
            }
            assertTrue(checked > 200, "only " + checked + " tokens checked");
            // The emoji sentence proves the unit: "and" after one emoji starts at code point 8, char 9.
            Encoding emoji = tok.encode("Emoji \uD83D\uDE00 and", false, false);
            CharSpan last = emoji.getCharTokenSpans()[emoji.getCharTokenSpans().length - 1];
            assertEquals(8, last.getStart());
            assertEquals(11, last.getEnd());
        }
    }
}

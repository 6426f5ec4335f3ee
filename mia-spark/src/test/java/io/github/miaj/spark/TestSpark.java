package io.github.miaj.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/** One local Spark session for all the test classes of this JVM (a start costs seconds), on loopback only. */
final class TestSpark {
    private static SparkSession spark;

    private TestSpark() {}

    static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("mia-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return spark;
    }

    static final String[] VOCAB = ("river stone window garden letter morning captain silver forest lamp "
                    + "harbour winter bread candle mirror ladder market village doctor sister travel "
                    + "quiet bright narrow "
                    + "ancient broken golden heavy yellow gentle sudden hollow distant careful walked carried painted "
                    + "watched opened listened whispered followed remembered gathered the a of and to in on with under "
                    + "over near behind beside through across toward after before while")
            .split(" ");

    /** Prose-like text of about {@code words} words in sentences of 8-15 words, from a small vocabulary. */
    static String text(Random r, int words) {
        return text(r, words, VOCAB.length);
    }

    /** As {@link #text(Random, int)}, from the first {@code vocab} words only (small: chance shingles). */
    static String text(Random r, int words, int vocab) {
        StringBuilder s = new StringBuilder();
        int n = 0;
        while (n < words) {
            int len = 8 + r.nextInt(8);
            for (int k = 0; k < len; k++) {
                String w = VOCAB[r.nextInt(vocab)];
                s.append(k == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
                s.append(k == len - 1 ? ". " : " ");
            }
            n += len;
        }
        return s.toString().trim();
    }

    /** Sentences of about {@code words} words of {@code text} starting at a sentence near {@code fraction}. */
    static String passage(String text, double fraction, int words) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i + 2 < text.length(); i++) {
            if (text.charAt(i) == '.' && text.charAt(i + 1) == ' ') {
                starts.add(i + 2);
            }
        }
        int from = starts.get((int) (fraction * (starts.size() - 1)));
        String rest = text.substring(from);
        String[] w = rest.split(" ");
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < w.length && (k < words || !s.toString().endsWith(".")); k++) {
            s.append(k == 0 ? "" : " ").append(w[k]);
        }
        return s.toString();
    }
}

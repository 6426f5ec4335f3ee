package io.github.miaj.onnx;

import io.github.miaj.ModelException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.ChannelConsumer;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.SourceCapability;
import io.github.miaj.attention.TextPair;
import io.github.miaj.spi.SourceSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One open built-in source per model and settings in the JVM, shared by every detector that asks for it and
 * closed with the last one: the model (about 90 MB of weights and 160 MB of native session for MiniLM) is
 * loaded once, as DJL and langchain4j users expect. Each caller gets its own {@link Lease}; closing a lease
 * releases that caller's reference, once, however often it is called.
 */
final class SharedSources {
    /** What makes two built-in sources interchangeable. */
    record Key(BuiltInModel model, boolean similarity, SourceSettings settings) {}

    private static final Map<Key, Entry> OPEN = new HashMap<>();

    private SharedSources() {}

    private static final class Entry {
        final OnnxAttentionSource source;
        int references;

        Entry(OnnxAttentionSource source) {
            this.source = source;
        }
    }

    /** A lease on the shared source for {@code key}, opening it with {@code open} when none is open. */
    static AttentionSource acquire(Key key, Supplier<OnnxAttentionSource> open) {
        synchronized (OPEN) {
            Entry e = OPEN.get(key);
            if (e == null) {
                // Opening under the lock: a second caller for the same model waits instead of loading it twice.
                e = new Entry(open.get());
                OPEN.put(key, e);
            }
            e.references++;
            return new Lease(key, e.source);
        }
    }

    /** Open shared sources, for tests. */
    static int openCount() {
        synchronized (OPEN) {
            return OPEN.size();
        }
    }

    private static void release(Key key, OnnxAttentionSource source) {
        OnnxAttentionSource toClose = null;
        synchronized (OPEN) {
            Entry e = OPEN.get(key);
            if (e != null && e.source == source && --e.references == 0) {
                OPEN.remove(key);
                toClose = source;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** One caller's handle on a shared source; thread-safe like the source. */
    static final class Lease implements AttentionSource {
        private final Key key;
        private final OnnxAttentionSource source;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Key key, OnnxAttentionSource source) {
            this.key = key;
            this.source = source;
        }

        private OnnxAttentionSource open() {
            if (closed.get()) {
                throw new ModelException(
                        "this attention source (" + source.modelId() + ") is closed; " + "open a new detector");
            }
            return source;
        }

        @Override
        public PairAttention attend(String a, String b) {
            return open().attend(a, b);
        }

        @Override
        public void attend(String a, String b, ChannelConsumer consumer) {
            open().attend(a, b, consumer);
        }

        @Override
        public List<PairAttention> attendAll(List<TextPair> pairs) {
            return open().attendAll(pairs);
        }

        @Override
        public void attendAll(List<TextPair> pairs, List<? extends ChannelConsumer> consumers) {
            open().attendAll(pairs, consumers);
        }

        @Override
        public List<HeadName> channels() {
            return source.channels();
        }

        @Override
        public String modelId() {
            return source.modelId();
        }

        @Override
        public String fingerprint() {
            return source.fingerprint();
        }

        @Override
        public int maxTokens() {
            return source.maxTokens();
        }

        @Override
        public int countTokens(String text) {
            return open().countTokens(text);
        }

        @Override
        public boolean fits(String a, String b) {
            return open().fits(a, b);
        }

        @Override
        public Set<SourceCapability> capabilities() {
            return open().capabilities();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(key, source);
            }
        }

        @Override
        public String toString() {
            return "shared " + source;
        }
    }
}

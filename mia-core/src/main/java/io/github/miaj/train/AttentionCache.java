package io.github.miaj.train;

import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An attention source that remembers what another one computed, up to a memory budget, and can show a
 * subset of its channels: training runs the source over the same pairs several times (sampling, dev
 * scoring, train metrics), and a feature ablation runs several detectors over one source. Does not close
 * the source it wraps. Views share the cache.
 */
public final class AttentionCache implements AttentionSource {
    private final AttentionSource inner;
    private final Map<String, PairAttention> cache;
    private final AtomicLong bytes;
    private final long budget;
    private final List<HeadName> channels;
    private final int[] keep;
    private final String modelId;
    private final String fingerprint;

    public AttentionCache(AttentionSource inner, long budgetBytes) {
        this(
                inner,
                new ConcurrentHashMap<>(),
                new AtomicLong(),
                budgetBytes,
                null,
                inner.modelId(),
                inner.fingerprint());
    }

    private AttentionCache(
            AttentionSource inner,
            Map<String, PairAttention> cache,
            AtomicLong bytes,
            long budget,
            int[] keep,
            String modelId,
            String fingerprint) {
        this.inner = inner;
        this.cache = cache;
        this.bytes = bytes;
        this.budget = budget;
        this.keep = keep;
        this.modelId = modelId;
        this.fingerprint = fingerprint;
        List<HeadName> all = inner.channels();
        if (keep == null) {
            this.channels = all;
        } else {
            List<HeadName> c = new ArrayList<>();
            for (int k : keep) {
                c.add(all.get(k));
            }
            this.channels = List.copyOf(c);
        }
    }

    /**
     * The same cache seen without the non-head channels (such as {@code sim.Lxx}), under the id and
     * fingerprint of the source that has only the heads.
     */
    public AttentionCache headsOnly(String headsModelId, String headsFingerprint) {
        List<HeadName> all = inner.channels();
        List<Integer> k = new ArrayList<>();
        for (int c = 0; c < all.size(); c++) {
            if (all.get(c).isHead()) {
                k.add(c);
            }
        }
        return new AttentionCache(
                inner,
                cache,
                bytes,
                budget,
                k.stream().mapToInt(Integer::intValue).toArray(),
                headsModelId,
                headsFingerprint);
    }

    @Override
    public PairAttention attend(String a, String b) {
        String key = a + "\u0000" + b;
        PairAttention full = cache.get(key);
        if (full == null) {
            full = inner.attend(a, b);
            long size = (long) full.channelCount() * full.sizeA() * full.sizeB() * 4 + 256;
            if (bytes.addAndGet(size) <= budget) {
                cache.put(key, full);
            } else {
                bytes.addAndGet(-size);
            }
        }
        if (keep == null) {
            return full;
        }
        int block = full.sizeA() * full.sizeB();
        float[] data = new float[keep.length * block];
        for (int c = 0; c < keep.length; c++) {
            full.copyChannel(keep[c], data, c * block);
        }
        return new PairAttention(full.textA(), full.textB(), full.tokensA(), full.tokensB(), channels, data);
    }

    @Override
    public List<HeadName> channels() {
        return channels;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public int maxTokens() {
        return inner.maxTokens();
    }

    @Override
    public int countTokens(String text) {
        return inner.countTokens(text);
    }

    @Override
    public boolean fits(String a, String b) {
        return inner.fits(a, b);
    }

    /** Does nothing: the wrapped source belongs to the caller. */
    @Override
    public void close() {
        // the caller closes the wrapped source
    }
}

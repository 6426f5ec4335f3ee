package io.github.miaj.attention;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What kinds of channel an attention source produces. A detector's file lists its channels, so the source a
 * detector needs is read from them rather than from a suffix on a model id.
 */
public enum SourceCapability {
    /** Attention heads ({@code cross.L07.H13}, {@code self.L02.H09.ab}). */
    ATTENTION_HEADS,
    /** Per-layer similarity of the two texts' hidden states ({@code sim.L03}). */
    HIDDEN_STATE_SIMILARITY;

    /** The channel kind that hidden-state similarity channels carry. */
    public static final String SIMILARITY_KIND = "sim";

    /** The capabilities a source needs to produce these channels. */
    public static Set<SourceCapability> of(List<HeadName> channels) {
        EnumSet<SourceCapability> out = EnumSet.noneOf(SourceCapability.class);
        for (HeadName h : channels) {
            if (h.isHead()) {
                out.add(ATTENTION_HEADS);
            } else if (h.kind().equals(SIMILARITY_KIND)) {
                out.add(HIDDEN_STATE_SIMILARITY);
            }
        }
        return Collections.unmodifiableSet(out);
    }
}

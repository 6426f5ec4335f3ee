package io.github.miaj.attention;

import io.github.miaj.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable, readable name of one attention channel, such as {@code cross.L07.H13} (decoder token of B
 * attending to encoder token of A in a sequence-to-sequence model) or {@code self.L02.H09.ab} (token of A
 * attending to token of B in an encoder that reads the pair). Layers and heads are 0-based and printed
 * with two digits so that names sort in model order.
 *
 * <p>Non-attention channels (for example {@code sim.L03}, a per-layer similarity of hidden states) have
 * {@code head == -1}.
 *
 * @param kind      {@code self}, {@code cross}, {@code sim} or another lower-case word
 * @param layer     0-based layer
 * @param head      0-based head, or -1 for a channel that is not a head
 * @param direction which text attends to which
 */
public record HeadName(String kind, int layer, int head, Direction direction) {
    private static final Pattern NAME = Pattern.compile("([a-z][a-z0-9_]*)\\.L(\\d+)(?:\\.H(\\d+))?(?:\\.(ab|ba))?");

    /** Which text's tokens attend to which. */
    public enum Direction {
        /** Token i of A attends to token j of B. */
        AB,
        /** Token j of B attends to token i of A (the only direction of cross-attention). */
        BA,
        /** Not directional, or the direction is implied by the kind (cross-attention). */
        NONE
    }

    public HeadName {
        if (kind == null || !kind.matches("[a-z][a-z0-9_]*")) {
            throw new InvalidInputException("head kind '" + kind + "' must be a lower-case word");
        }
        if (layer < 0 || head < -1) {
            throw new InvalidInputException("layer " + layer + " / head " + head + " out of range");
        }
        if (direction == null) {
            direction = Direction.NONE;
        }
    }

    /** Parses a name written by {@link #toString()}. */
    public static HeadName parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
            throw new InvalidInputException("'" + name + "' is not a head name like cross.L07.H13 or self.L02.H09.ab");
        }
        int head = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        Direction d = m.group(4) == null
                ? Direction.NONE
                : Direction.valueOf(m.group(4).toUpperCase(Locale.ROOT));
        return new HeadName(m.group(1), Integer.parseInt(m.group(2)), head, d);
    }

    /** True for an attention head; false for another channel such as a hidden-state similarity. */
    public boolean isHead() {
        return head >= 0;
    }

    /**
     * Which text's tokens do the attending. For {@code AB} it is A; for {@code BA} and for
     * cross-attention (decoder reads B, attends to the encoder's A) it is B.
     */
    public boolean attendsFromA() {
        return direction == Direction.AB;
    }

    /** This channel's name without its direction: the head it comes from. */
    public String headId() {
        return head < 0
                ? String.format(Locale.ROOT, "%s.L%02d", kind, layer)
                : String.format(Locale.ROOT, "%s.L%02d.H%02d", kind, layer, head);
    }

    @Override
    public String toString() {
        return direction == Direction.NONE
                ? headId()
                : headId() + "." + direction.name().toLowerCase(Locale.ROOT);
    }
}

package io.github.miaj.text;

import io.github.miaj.InvalidInputException;
import java.util.List;

/**
 * A text cut once for one window budget ({@link Sentences#segment}): its whitespace words, its sentence pieces
 * (sentences, with those over the budget cut into pieces that fit) and its windows (consecutive pieces grouped
 * up to the budget). Planning, retrieval and alignment of a document all read this one cut, so they agree on
 * where its sentences and windows lie and no stage cuts the text again.
 *
 * @param text    the whole text
 * @param budget  most units of one window, under the measure the text was cut with
 * @param words   the text's whitespace words ({@link Words#of})
 * @param pieces  sentence pieces in order; they cover every non-whitespace character once
 * @param windows windows of whole pieces in order; they cover every non-whitespace character once
 */
public record SegmentedText(String text, int budget, List<Word> words, List<Span> pieces, List<Span> windows) {
    public SegmentedText {
        if (text == null || words == null || pieces == null || windows == null) {
            throw new InvalidInputException("a segmented text needs its text, words, pieces and windows; got null");
        }
        if (budget < 1) {
            throw new InvalidInputException("window size " + budget + " must be at least one unit");
        }
        words = List.copyOf(words);
        pieces = List.copyOf(pieces);
        windows = List.copyOf(windows);
    }

    /**
     * The windows that fit the budget within {@code part}, a span that starts at the start of a piece and ends
     * at the end of one (a window grown past the budget, as summing piece sizes can make under a measure that
     * is not additive): its pieces grouped as {@link #windows()} groups the whole text's.
     *
     * @throws InvalidInputException when {@code part} does not begin and end on piece boundaries
     */
    public List<Span> windowsWithin(Span part, TextMeasure measure) {
        int from = firstPieceAt(part.start());
        int to = firstPieceAt(part.end());
        if (from < 0
                || from >= pieces.size()
                || pieces.get(from).start() != part.start()
                || to <= from
                || pieces.get(to - 1).end() != part.end()) {
            throw new InvalidInputException("span " + part + " does not begin and end on sentence pieces of the text");
        }
        return Sentences.group(text, pieces.subList(from, to), budget, measure);
    }

    /** Index of the first piece starting at or after {@code offset} ({@code pieces.size()} when none). */
    private int firstPieceAt(int offset) {
        int lo = 0;
        int hi = pieces.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pieces.get(mid).start() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package io.github.miaj.train;

import io.github.miaj.InvalidInputException;
import io.github.miaj.TrainingException;
import io.github.miaj.learn.InMemoryRows;
import java.util.Arrays;

/**
 * A growable row-major store of feature rows and labels, handed to the solver without a copy.
 */
final class RowBuffer {
    private final int d;
    private float[] x;
    private byte[] y;
    private int n;
    private long positives;

    RowBuffer(int numFeatures, int initialRows) {
        this.d = numFeatures;
        this.x = new float[Math.max(1, initialRows) * numFeatures];
        this.y = new byte[Math.max(1, initialRows)];
    }

    /** Space for one more row; returns the offset at which to write its features. */
    int append(boolean positive) {
        if (n == y.length) {
            int cap = y.length + (y.length >> 1) + 16;
            long need = (long) cap * d;
            if (need > Integer.MAX_VALUE - 8) {
                throw new TrainingException("training rows exceed " + n + " rows of " + d
                        + " features (the largest Java array); use fewer pairs or fewer negatives per positive");
            }
            x = Arrays.copyOf(x, (int) need);
            y = Arrays.copyOf(y, cap);
        }
        y[n] = (byte) (positive ? 1 : 0);
        if (positive) {
            positives++;
        }
        return n++ * d;
    }

    float[] features() {
        return x;
    }

    int rows() {
        return n;
    }

    long positives() {
        return positives;
    }

    InMemoryRows toRows() {
        if (n == 0) {
            throw new InvalidInputException("no training rows: the pairs hold no units");
        }
        return new InMemoryRows(x, y, d, n, 4096);
    }
}

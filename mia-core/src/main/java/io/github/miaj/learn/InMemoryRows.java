package io.github.miaj.learn;

import io.github.miaj.InvalidInputException;

/**
 * Rows held in one row-major {@code float[]}; blocks are views into it, never copies.
 */
public final class InMemoryRows implements RowSource {
    private static final int DEFAULT_BLOCK = 4096;

    private final float[] x;
    private final byte[] y;
    private final int d;
    private final int n;
    private final int block;

    /**
     * @param x row-major features, {@code y.length * numFeatures} values (taken over, not copied)
     * @param y labels, 0 or 1 (taken over, not copied)
     * @param numFeatures features per row
     */
    public InMemoryRows(float[] x, byte[] y, int numFeatures) {
        this(x, y, numFeatures, y == null ? 0 : y.length, DEFAULT_BLOCK);
    }

    /**
     * @param rows  the first {@code rows} rows of {@code x} and {@code y} are used
     * @param block rows per block
     */
    public InMemoryRows(float[] x, byte[] y, int numFeatures, int rows, int block) {
        if (x == null || y == null) {
            throw new InvalidInputException("features and labels must not be null");
        }
        if (numFeatures <= 0 || block <= 0) {
            throw new InvalidInputException(
                    "numFeatures and block must be positive, got " + numFeatures + " and " + block);
        }
        if (rows < 0 || rows > y.length || (long) rows * numFeatures > x.length) {
            throw new InvalidInputException(rows + " rows of " + numFeatures + " features do not fit arrays of "
                    + x.length + " features and " + y.length + " labels");
        }
        for (int i = 0; i < rows; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new InvalidInputException("label of row " + i + " is " + y[i] + "; labels must be 0 or 1");
            }
        }
        this.x = x;
        this.y = y;
        this.d = numFeatures;
        this.n = rows;
        this.block = block;
    }

    @Override
    public int numFeatures() {
        return d;
    }

    @Override
    public long numRows() {
        return n;
    }

    /** The backing feature array, for solvers in this package that split the rows themselves. */
    float[] features() {
        return x;
    }

    /** The backing label array. */
    byte[] labels() {
        return y;
    }

    @Override
    public void forEachBlock(BlockVisitor visitor) {
        for (int from = 0; from < n; from += block) {
            visitor.visit(x, y, from, Math.min(block, n - from));
        }
    }
}

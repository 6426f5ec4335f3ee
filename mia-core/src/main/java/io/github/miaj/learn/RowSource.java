package io.github.miaj.learn;

/**
 * Labelled rows of features, visited in blocks so that a solver never needs a second copy of the data.
 * A source may be visited many times (once per solver pass) and must present the same rows in the same
 * order every time.
 */
public interface RowSource {

    /** Features per row. */
    int numFeatures();

    /** Rows in all. */
    long numRows();

    /** Visits every row once, in blocks, in a fixed order. */
    void forEachBlock(BlockVisitor visitor);

    /** Receives one block of rows. */
    @FunctionalInterface
    interface BlockVisitor {
        /**
         * @param x      row-major features: row r of the block starts at {@code (from + r) * numFeatures()}
         * @param y      labels, 1 for positive and 0 for negative; row r of the block is {@code y[from + r]}
         * @param from   first row of the block within {@code x} and {@code y}
         * @param rows   rows in the block
         */
        void visit(float[] x, byte[] y, int from, int rows);
    }
}

package io.github.miaj.learn;

import io.github.miaj.InvalidInputException;

/**
 * A fitted binary logistic regression: {@code p(y=1|x) = sigmoid(w . x + b)}. Immutable.
 */
public final class LogisticModel {
    private final double[] weights;
    private final double bias;

    public LogisticModel(double[] weights, double bias) {
        if (weights == null) {
            throw new InvalidInputException("weights are null");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new InvalidInputException("weight " + i + " is " + weights[i] + "; weights must be finite");
            }
        }
        if (!Double.isFinite(bias)) {
            throw new InvalidInputException("bias is " + bias + "; it must be finite");
        }
        this.weights = weights.clone();
        this.bias = bias;
    }

    public int numFeatures() {
        return weights.length;
    }

    /** A copy of the weights. */
    public double[] weights() {
        return weights.clone();
    }

    public double weight(int k) {
        return weights[k];
    }

    public double bias() {
        return bias;
    }

    /** The linear score {@code w . x + b} of the row starting at {@code x[offset]}. */
    public double score(float[] x, int offset) {
        double s = bias;
        for (int k = 0; k < weights.length; k++) {
            s += weights[k] * x[offset + k];
        }
        return s;
    }

    /** The probability of the positive class for the row starting at {@code x[offset]}. */
    public double probability(float[] x, int offset) {
        return sigmoid(score(x, offset));
    }

    /** A numerically safe logistic function. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}

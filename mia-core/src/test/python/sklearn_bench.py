#!/usr/bin/python3
"""Same-machine scikit-learn comparison for LogisticRegressionBench (see BENCHMARKS.md).

    java ... io.github.miaj.examples.bench.LogisticRegressionBench --dump /tmp/lr_bench.bin
    /usr/bin/python3 mia-core/src/test/python/sklearn_bench.py /tmp/lr_bench.bin [l2] [tol]

Fits the same objective as the bench (balanced positive weight as sample_weight, C = 1/(l2*S)).
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

N, D = 1_000_000, 192
path = sys.argv[1]
l2 = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-4
tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-6
raw = np.fromfile(path, dtype=np.uint8)
x = raw[: N * D * 4].view("<f4").reshape(N, D)
y = raw[N * D * 4:].astype(np.int64)
pos = y.sum()
pw = (N - pos) / pos
c = np.where(y == 1, pw, 1.0)
S = c.sum()
model = LogisticRegression(C=1.0 / (l2 * S), solver="lbfgs", tol=tol, max_iter=1000)
t = time.time()
model.fit(x, y, sample_weight=c)
elapsed = time.time() - t
w = model.coef_.ravel()
b = model.intercept_[0]
m = x.astype(np.float64) @ w + b
loss = (c * np.where(y == 1, np.logaddexp(0, -m), np.logaddexp(0, m))).sum() / S + 0.5 * l2 * (w @ w)
print("sklearn %s lbfgs: %.1f s, %d iterations, objective %.10f, w[3] = %.6f, bias = %.6f"
      % (sklearn.__version__, elapsed, model.n_iter_[0], loss, w[3], b))

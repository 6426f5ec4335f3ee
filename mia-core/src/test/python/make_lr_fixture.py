#!/usr/bin/python3
"""Writes the scikit-learn reference for LogisticRegressionSklearnTest.

Rerun (Debian's python, not a pyenv one):
    apt-get install -y python3-sklearn python3-numpy
    /usr/bin/python3 mia-core/src/test/python/make_lr_fixture.py

Objective (MIA-J): (1/S) * sum_i c_i * logloss_i + (l2/2) * ||w||^2, bias not penalised,
c_i = POSITIVE_WEIGHT for positives and 1 for negatives, S = sum_i c_i.
scikit-learn minimises 0.5 * ||w||^2 + C * sum_i c_i * logloss_i (sample_weight = c), which has the same
minimiser when C = 1 / (l2 * S).
"""
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

N, D = 2000, 10
L2 = 1e-3
POSITIVE_WEIGHT = 3.0
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "io", "github", "miaj", "learn")

rng = np.random.default_rng(20240601)
# Features with offsets, very different scales and two correlated columns, so that the fit exercises
# the solver's implicit standardisation.
offsets = np.array([5.0, 0.0, -2.0, 0.05, 100.0, 0.0, 1.0, 0.0, 3.0, -1.0])
scales = np.array([1.0, 0.01, 3.0, 0.03, 10.0, 1.0, 0.5, 2.0, 0.2, 1.0])
z = rng.standard_normal((N, D))
z[:, 5] = 0.8 * z[:, 0] + 0.6 * z[:, 5]
x = (offsets + scales * z).astype(np.float32)
true_w = np.array([1.0, -40.0, 0.3, 20.0, -0.05, 0.7, 0.0, -0.4, 2.0, 0.5])
score = (x.astype(np.float64) - offsets) @ true_w - 2.0
y = (rng.random(N) < 1.0 / (1.0 + np.exp(-score))).astype(np.int64)

xd = x.astype(np.float64)
c = np.where(y == 1, POSITIVE_WEIGHT, 1.0)
S = c.sum()
C = 1.0 / (L2 * S)
# newton-cg: lbfgs stops early here (max|gradient| 8e-4) because the features are badly scaled.
model = LogisticRegression(penalty="l2", C=C, solver="newton-cg", tol=1e-14, max_iter=100000)
model.fit(xd, y, sample_weight=c)
w = model.coef_.ravel()
b = model.intercept_[0]
m = xd @ w + b
logloss = np.logaddexp(0.0, -m) * (y == 1) + np.logaddexp(0.0, m) * (y == 0)
objective = (c * logloss).sum() / S + 0.5 * L2 * (w @ w)
# Gradient of the MIA-J objective at sklearn's answer, to show how tightly it converged.
p = 1.0 / (1.0 + np.exp(-m))
r = c * (p - y) / S
grad = np.concatenate([xd.T @ r + L2 * w, [r.sum()]])

with open(os.path.join(OUT, "lr_fixture.csv"), "w") as f:
    f.write("# y,x0..x%d  (made by mia-core/src/test/python/make_lr_fixture.py)\n" % (D - 1))
    for i in range(N):
        f.write("%d,%s\n" % (y[i], ",".join("%.9g" % v for v in x[i])))
with open(os.path.join(OUT, "lr_fixture_expected.txt"), "w") as f:
    f.write("# scikit-learn %s, newton-cg, tol=1e-14, C=1/(l2*S)=%r, sample_weight=c\n" % (sklearn.__version__, C))
    f.write("# max |gradient| of the MIA-J objective at this answer: %.3e\n" % np.abs(grad).max())
    f.write("l2 %r\n" % L2)
    f.write("positiveWeight %r\n" % POSITIVE_WEIGHT)
    f.write("objective %r\n" % objective)
    f.write("bias %r\n" % b)
    for k in range(D):
        f.write("w%d %r\n" % (k, w[k]))
print("positives", int(y.sum()), "of", N, "objective", objective, "max|grad|", np.abs(grad).max())
print("bias", b, "weights", w)

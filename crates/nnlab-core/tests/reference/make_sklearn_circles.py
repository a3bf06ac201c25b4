"""Writes sklearn_circles.json: scikit-learn's make_circles for a few cases
(odd and even n), the reference for nnlab's circles generator
(tests/generated_circles.rs). Run: python3 make_sklearn_circles.py"""

import json

import numpy as np
import sklearn
from sklearn.datasets import make_circles

CASES = [(7, 0.1, 3), (8, 0.1, 3), (101, 0.2, 42), (300, 0.05, 1), (1, 0.05, 5), (2, 0.0, 9), (15, 1.0, 4294967295)]

out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": []}
for n, noise, seed in CASES:
    x, y = make_circles(n_samples=n, noise=noise, random_state=seed)
    out["cases"].append(
        {
            "n": n,
            "noise": noise,
            "seed": seed,
            "x": {"shape": list(x.shape), "data": [float(v) for v in x.ravel()]},
            "y": [int(v) for v in y],
        }
    )
with open("sklearn_circles.json", "w") as f:
    json.dump(out, f)
    f.write("\n")

# The set generators of nnlab's data/generate.rs, draw for draw: each draws from
# NumPy's legacy RandomState seeded with the data seed (nnlab's generator is the
# same MT19937 with the same conversions).


def shuffled(points, labels, rs):
    idx = np.arange(len(labels))
    rs.shuffle(idx)
    return points[idx], labels[idx]


def as_sets(points, labels):
    return points.T.copy(), labels.reshape(1, -1)


def circles(n, noise, seed):
    rs = np.random.RandomState(seed)
    n_out = n // 2
    n_in = n - n_out

    def ring(count, radius):  # each circle on its own angles i * 2 pi / count
        t = np.arange(count) * (2.0 * np.pi / max(count, 1))
        return np.stack([np.cos(t) * radius, np.sin(t) * radius], axis=1)
    points = np.vstack([ring(n_out, 1.0), ring(n_in, 0.8)])
    points, labels = shuffled(points, np.r_[np.zeros(n_out), np.ones(n_in)], rs)
    return as_sets(points + noise * rs.randn(n, 2), labels)


def moons(n, noise, seed):
    rs = np.random.RandomState(seed)
    n_out = n // 2
    n_in = n - n_out
    t = np.pi * np.arange(n_out) / (max(n_out, 2) - 1)
    u = np.pi * np.arange(n_in) / (max(n_in, 2) - 1)
    points = np.vstack([np.stack([np.cos(t), np.sin(t)], axis=1),
                        np.stack([1.0 - np.cos(u), 1.0 - np.sin(u) - 0.5], axis=1)])
    points = np.stack([(points[:, 0] - 0.5) * 1.2, (points[:, 1] - 0.25) * 1.2], axis=1)
    points, labels = shuffled(points, np.r_[np.zeros(n_out), np.ones(n_in)], rs)
    return as_sets(points + noise * rs.randn(n, 2), labels)


def xor(n, noise, seed):
    rs = np.random.RandomState(seed)
    points, labels = np.zeros((n, 2)), np.zeros(n)
    for i in range(n):
        x, y = 2.0 * rs.rand() - 1.0, 2.0 * rs.rand() - 1.0
        labels[i] = 1.0 if x * y > 0.0 else 0.0
        points[i, 0] = x + noise * rs.randn()
        points[i, 1] = y + noise * rs.randn()
    return as_sets(points, labels)


def spiral(n, noise, seed):
    rs = np.random.RandomState(seed)
    half = n // 2
    points, labels = np.zeros((n, 2)), np.zeros(n)
    for i in range(n):
        k, label, count = (i, 0.0, half) if i < half else (i - half, 1.0, n - half)
        r = (k + 1.0) / count
        t = 1.75 * r * 2.0 * np.pi + (np.pi if label == 1.0 else 0.0)
        points[i, 0] = r * np.sin(t) + noise * rs.randn()
        points[i, 1] = r * np.cos(t) + noise * rs.randn()
        labels[i] = label
    return as_sets(*shuffled(points, labels, rs))


def gauss(n, noise, seed):
    rs = np.random.RandomState(seed)
    points, labels = np.zeros((n, 2)), np.zeros(n)
    for i in range(n):
        labels[i] = 0.0 if i < n // 2 else 1.0
        c = 1.0 if labels[i] == 1.0 else -1.0
        points[i, 0] = c + noise * rs.randn()
        points[i, 1] = c + noise * rs.randn()
    return as_sets(*shuffled(points, labels, rs))


def surface(n, span, noise, seed, f):
    """Regression: n points uniform in [-span, span]^2 (x1, then x2), each valued
    f(x1, x2) + noise * randn() (the normal drawn whatever the noise)."""
    rs = np.random.RandomState(seed)
    points, values = np.zeros((n, 2)), np.zeros(n)
    for i in range(n):
        x1 = 2.0 * span * rs.rand() - span
        x2 = 2.0 * span * rs.rand() - span
        points[i] = x1, x2
        values[i] = f(x1, x2) + noise * rs.randn()
    return as_sets(points, values)


def plane(n, noise, seed):
    """Regression: the plane (x1 + x2) / 2 over [-1, 1]^2."""
    return surface(n, 1.0, noise, seed, lambda x1, x2: (x1 + x2) / 2.0)


SIGMA = 0.6  # spread of the two bumps of the Gaussian surface


def gauss_surface(n, noise, seed):
    """Regression: exp(-|x - (1, 1)|^2 / (2 SIGMA^2)) - exp(-|x + (1, 1)|^2 / (2 SIGMA^2))
    over [-2, 2]^2 (data=gauss with problem=regression)."""
    def bump(x1, x2, c):
        return np.exp(-((x1 - c) * (x1 - c) + (x2 - c) * (x2 - c)) / (2.0 * SIGMA * SIGMA))
    return surface(n, 2.0, noise, seed, lambda x1, x2: bump(x1, x2, 1.0) - bump(x1, x2, -1.0))

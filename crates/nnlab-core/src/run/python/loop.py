# The network's inputs, the passes, the cost, the update and the run itself:
# nnlab's operations in nnlab's order (model/, data/features.rs, data/normalize.rs,
# data/batches.rs, run/trainer.rs).

LEAKY_SLOPE = 0.01  # leaky ReLU's slope below 0
FORMULAS = {  # the input features of a point (x1, x2)
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1sq": lambda x1, x2: x1 * x1,
    "x2sq": lambda x1, x2: x2 * x2,
    "x1x2": lambda x1, x2: x1 * x2,
    "sinx1": lambda x1, x2: np.sin(x1),
    "sinx2": lambda x1, x2: np.sin(x2),
}


def in_order_sum(X):
    """Each row's sum, added in example order as nnlab adds (np.sum adds in pairs)."""
    return np.cumsum(X, axis=1)[:, -1:]


def normalization(X):
    """Per row of the training set X: mean = sum(x) / m and the population
    std = sqrt(sum((x - mean)^2) / m), 1 where that is 0 (a row that does not vary)."""
    m = X.shape[1]
    mean = in_order_sum(X) / m
    std = np.sqrt(in_order_sum(np.square(X - mean)) / m)
    std[~((std > 0.0) & np.isfinite(std))] = 1.0
    return mean, std


def inputs(train_X, test_X):
    """The network's inputs from the points: with NORMALIZE, (X - mean) / std by the
    training set's statistics; then one row per name of FEATURES, from (x1, x2)."""
    if NORMALIZE:
        mean, std = normalization(train_X)
        train_X, test_X = (train_X - mean) / std, (test_X - mean) / std
    if FEATURES != ["x1", "x2"]:
        train_X, test_X = [np.array([FORMULAS[f](X[0], X[1]) for f in FEATURES])
                           for X in (train_X, test_X)]
    return train_X, test_X


def activation(Z):
    """A hidden layer's A = g(Z): relu max(0, Z); tanh 1 - 2 / (e^(2Z) + 1);
    sigmoid 1 / (1 + e^(-Z)); linear Z; leakyrelu Z, or 0.01 Z where Z < 0."""
    if ACTIVATION == "relu":
        return np.maximum(0.0, Z)
    if ACTIVATION == "tanh":
        return 1.0 - 2.0 / (np.exp(2.0 * Z) + 1.0)
    if ACTIVATION == "sigmoid":
        return 1.0 / (1.0 + np.exp(-Z))
    if ACTIVATION == "leakyrelu":
        return np.where(Z < 0.0, LEAKY_SLOPE * Z, Z)
    return Z


def slope(A):
    """g'(Z) written from A = g(Z): tanh 1 - A^2; sigmoid A (1 - A); linear 1;
    leakyrelu 0.01 where A < 0, else 1 (relu is hidden_dZ's mask A > 0)."""
    if ACTIVATION == "tanh":
        return 1.0 - A * A
    if ACTIVATION == "sigmoid":
        return A * (1.0 - A)
    if ACTIVATION == "leakyrelu":
        return np.where(A < 0.0, LEAKY_SLOPE, 1.0)
    return 1.0


def forward(X, params, masks):
    """The activations A1..AL: Z = W A_prev + b; hidden layers A = g(Z) (inverted
    dropout with `masks`: A D / KEEP_PROB); the output sigmoid(Z), or Z for regression."""
    L = len(params) // 2
    A, acts = X, []
    for l in range(1, L + 1):
        Z = np.dot(params[2 * l - 2], A) + params[2 * l - 1]
        if l == L:
            A = 1.0 / (1.0 + np.exp(-Z)) if PROBLEM == "classification" else Z
        else:
            A = activation(Z)
            if masks is not None:
                A = A * masks[l - 1] / KEEP_PROB
        acts.append(A)
    return acts


def penalty(params, m):
    """L2 (1/m LAMBD/2) sum ||W||^2 plus L1 (LAMBD_L1/m) sum |W|, over the weights only."""
    l2 = 0.0
    if LAMBD != 0.0:
        l2 = (1.0 / m * LAMBD / 2.0) * sum(np.sum(np.square(W)) for W in params[::2])
    if LAMBD_L1 == 0.0:
        return l2
    return l2 + LAMBD_L1 / m * sum(np.sum(np.abs(W)) for W in params[::2])


def cost(AL, Y, params):
    """Classification: the cross-entropy -1/m sum(y ln a + (1 - y) ln(1 - a)) (NaN terms
    skipped, as np.nansum does); regression: 1/(2m) sum (a - y)^2; plus the penalties."""
    m = Y.shape[1]
    if PROBLEM == "regression":
        return np.sum(np.square(AL - Y)) / (2.0 * m) + penalty(params, m)
    if np.isnan(AL).any():
        return float("nan")
    logprobs = np.multiply(-np.log(AL), Y) + np.multiply(-np.log(1.0 - AL), 1.0 - Y)
    return 1.0 / m * np.nansum(logprobs) + penalty(params, m)


def hidden_dZ(dA, A, D):
    """A hidden layer's dZ = dA g'(Z), dA = W_next^T dZ_next (with dropout first
    dA D / KEEP_PROB): relu passes dA where A > 0; the others multiply by slope(A)."""
    if D is not None:
        dA = dA * D / KEEP_PROB
    if ACTIVATION == "relu":
        return np.where(A > 0.0, dA, 0.0)
    if D is None:
        return dA * slope(A)
    return np.where(D, dA * slope(A * KEEP_PROB), 0.0)  # A KEEP_PROB = g(Z) where kept


def backward(X, Y, params, acts, masks):
    """[dW1, db1, ...]: dZL = AL - Y (both problems); dW = 1/m dZ A_prev^T + (LAMBD/m) W
    + (LAMBD_L1/m) sign(W); db = 1/m sum dZ; then the planted bugs."""
    L = len(params) // 2
    m = Y.shape[1]
    grads = [None] * (2 * L)
    dZ = acts[-1] - Y
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else acts[l - 2]
        W = params[2 * l - 2]
        dW = 1.0 / m * np.dot(dZ, A_prev.T)
        if LAMBD != 0.0:
            dW = dW + (LAMBD / m) * W
        if LAMBD_L1 != 0.0:
            dW = dW + (LAMBD_L1 / m) * np.sign(W)
        if BUG_W2 and l == 2:
            dW = dW * 2.0
        scale = 4.0 / m if (BUG_B1 and l == 1) else 1.0 / m
        grads[2 * l - 2], grads[2 * l - 1] = dW, scale * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            D = None if masks is None else masks[l - 2]
            dZ = hidden_dZ(np.dot(W.T, dZ), A_prev, D)
    return grads


def optimizer(params):
    """The optimizer's state: v (momentum, Adam), s (Adam), and BETA1^t, BETA2^t as
    running products (as nnlab keeps them)."""
    return {"v": [np.zeros_like(p) for p in params], "s": [np.zeros_like(p) for p in params],
            "beta1_t": 1.0, "beta2_t": 1.0}


def update(params, grads, state):
    """One step of OPTIMIZER for every parameter:
    gd:       W = W - lr dW
    momentum: v = BETA v + (1 - BETA) dW;  W = W - lr v
    adam:     v = BETA1 v + (1 - BETA1) dW;  s = BETA2 s + (1 - BETA2) dW^2;
              W = W - lr (v / (1 - BETA1^t)) / (sqrt(s / (1 - BETA2^t)) + EPSILON)"""
    if OPTIMIZER == "gd":
        return [p - LEARNING_RATE * g for p, g in zip(params, grads)]
    v, s = state["v"], state["s"]
    if OPTIMIZER == "momentum":
        for k, g in enumerate(grads):
            v[k] = BETA * v[k] + (1.0 - BETA) * g
        return [p - LEARNING_RATE * vk for p, vk in zip(params, v)]
    state["beta1_t"] *= BETA1
    state["beta2_t"] *= BETA2
    c1, c2 = 1.0 - state["beta1_t"], 1.0 - state["beta2_t"]
    for k, g in enumerate(grads):
        v[k] = BETA1 * v[k] + (1.0 - BETA1) * g
        s[k] = BETA2 * s[k] + (1.0 - BETA2) * (g * g)
    return [p - LEARNING_RATE * (vk / c1) / (np.sqrt(sk / c2) + EPSILON)
            for p, vk, sk in zip(params, v, s)]


def mini_batches(X, Y):
    """Endless (X, Y) batches: every epoch a new permutation of the m examples from
    BATCH_SEED (RandomState.permutation), cut into BATCH columns (the last: the rest)."""
    rs = np.random.RandomState(BATCH_SEED)
    m = Y.shape[1]
    while True:
        order = rs.permutation(m)
        for start in range(0, m, BATCH):
            idx = order[start:start + BATCH]
            yield X[:, idx], Y[:, idx]


def draw_masks(rs, m):
    """D[l] = rand(n[l], m) < KEEP_PROB for every hidden layer, in order."""
    return [rs.rand(n, m) < KEEP_PROB for n in LAYERS[1:-1]]


def report(name, X, Y, params):
    """Classification: the accuracy of a > 0.5 against y == 1; regression: the loss
    1/(2m) sum (a - y)^2 (no penalty)."""
    AL = forward(X, params, None)[-1]
    m = Y.shape[1]
    if PROBLEM == "regression":
        loss = np.sum(np.square(AL - Y)) / (2.0 * m) if m else float("nan")
        print(f"{name} loss: {float(loss)!r}")
    else:
        correct = int(np.sum((AL > 0.5) == (Y == 1.0)))
        fraction = correct / m if m else float("nan")  # an empty set: NaN, as nnlab
        print(f"{name} accuracy: {fraction!r} ({correct}/{m})")


def main():
    np.seterr(all="ignore")  # log(0) and overflow give inf or nan, as in nnlab
    X, X_test = inputs(train_X, test_X)
    params = initialize()
    state = optimizer(params)
    m = train_Y.shape[1]
    batches = mini_batches(X, train_Y) if BATCH > 0 else None
    masks = None
    drop = np.random.RandomState(DROP_SEED)
    if KEEP_PROB < 1.0 and MASKS == "fixed":
        masks = draw_masks(drop, m)  # reseeded before every pass: the same masks each time
    for i in range(ITERATIONS):
        if KEEP_PROB < 1.0 and MASKS == "fresh":
            masks = draw_masks(drop, m)
        Xb, Yb = next(batches) if batches else (X, train_Y)
        acts = forward(Xb, params, masks)
        if i % 1000 == 0 or i == ITERATIONS - 1:
            print(f"Cost after iteration {i}: {float(cost(acts[-1], Yb, params))!r}")
        grads = backward(Xb, Yb, params, acts, masks)
        if not all(np.isfinite(g).all() for g in grads):
            print(f"Diverged at iteration {i}")
            break
        params = update(params, grads, state)
    report("Train", X, train_Y, params)
    report("Test", X_test, test_Y, params)


if __name__ == "__main__":
    main()

# The key table's words (crates/nnlab-core/src/config/keys.rs): for each key NAME,
# key-NAME-label (the control's label) and key-NAME-help (one line for `nnlab keys`
# and the page's tooltips); group-GROUP, each settings group's heading.

key-data-label = data set
key-data-help = the points to train on
key-problem-label = problem
key-problem-help = classification: two classes, a sigmoid output, cross-entropy (the course's) | regression: a number, a linear output, squared error 1/(2m)·Σ(ŷ − y)² (data=plane, gauss, custom)
key-dataSeed-label = data seed
key-dataSeed-help = seed of generated data and of own points' test split (circles and football without it are the course's points)
key-n-label = points
key-n-help = number of generated training points
key-noise-label = noise
key-noise-help = noise of generated data
key-testFrac-label = test share
key-testFrac-help = share of the points held out for testing, drawn with dataSeed (own points without a set column); generated data: n training points and n·testFrac/(1 − testFrac) test points from dataSeed+1 (absent: the course's n/3)
key-normalize-label = normalize inputs
key-normalize-help = 1 = subtract the training set's mean and divide by its standard deviation, per feature (test set too)
key-features-label = input features
key-features-help = the network's inputs, comma-separated: x1, x2, x1sq (x1²), x2sq (x2²), x1x2 (x1·x2), sinx1, sinx2; x1,x2 is the course's
key-points-label = own points
key-points-help = own points with data=custom: a pasted or uploaded CSV, or points drawn on the page (quantized, base64url)
key-layers-label = hidden layers
key-layers-help = hidden layer sizes, comma-separated (10,5)
key-init-label = initialization
key-init-help = how the weights start (xavier suits tanh and sigmoid, he suits relu; case: the gradient-check lab's draw)
key-act-label = hidden activation
key-act-help = the hidden layers' activation (the output stays a sigmoid, linear with problem=regression); relu is the course's
key-scale-label = random scale
key-scale-help = factor of random initialization
key-seed-label = init seed
key-seed-help = initialization seed
key-lr-label = learning rate
key-lr-help = the step size of gradient descent
key-iters-label = iterations
key-iters-help = iterations to run
key-opt-label = optimizer
key-opt-help = gd (the course's labs) | momentum | adam (with bias correction)
key-beta-label = momentum β
key-beta-help = momentum: v = β·v + (1 − β)·dW, 0 <= β < 1
key-beta1-label = Adam β₁
key-beta1-help = Adam's first-moment decay, 0 <= β₁ < 1
key-beta2-label = Adam β₂
key-beta2-help = Adam's second-moment decay, 0 <= β₂ < 1
key-epsilon-label = Adam ε
key-epsilon-help = Adam's ε in lr·v̂/(√ŝ + ε)
key-batch-label = mini-batch size
key-batch-help = examples per iteration, reshuffled every epoch (0 = the whole training set, the course's)
key-batchSeed-label = batch seed
key-batchSeed-help = seed of the mini-batches' shuffle
key-lambda-label = L2 λ
key-lambda-help = L2 regularization strength (0 = off)
key-l1-label = L1 λ₁
key-l1-help = L1 regularization strength: (λ₁/m)·Σ|W| in the cost (0 = off)
key-keep-label = keep probability
key-keep-help = dropout keep probability (1 = off)
key-mask-label = dropout masks
key-mask-help = fixed (the course: same masks every iteration) | fresh (new masks every iteration)
key-dropSeed-label = dropout seed
key-dropSeed-help = dropout seed
key-bugs-label = planted bugs
key-bugs-help = planted backprop bugs: w2, b1 (comma-separated; empty = none)
key-eps-label = ε
key-eps-help = gradient-checking step epsilon
key-play-label = train as soon as the link opens
key-play-help = 1 = start training when the link opens
key-compare-label = compare three runs
key-compare-help = 1 = the lab's three runs side by side (with this link's other changes; outside the labs, the three optimizers); KEY:v1,v2,v3 = three runs that differ in one key, such as opt:gd,momentum,adam
key-showTest-label = show test points
key-showTest-help = 1 = draw the test points
key-logCost-label = log-scale cost
key-logCost-help = 1 = cost curve on a log scale
key-discrete-label = two flat classes
key-discrete-help = 1 = show the regions as two flat classes instead of the probability's shading
key-lang-label = language
key-lang-help = the page's language: en (English) | zh (中文); absent: the browser's
key-lock-label = locked controls
key-lock-help = keys or groups students see but cannot change (data, training, ..., all), comma-separated
key-hide-label = hidden controls
key-hide-help = keys or groups not shown (data, training, ..., all), comma-separated
key-task-label = assignment text
key-task-help = the question shown above the lab, plain text (at most 1000 characters)
key-quiz-label = guess before reveal
key-quiz-help = 1 = students guess first: which parameters are wrong (gradient check with bugs), else the test accuracy
key-embed-label = compact embed view
key-embed-help = 1 = the compact view for an iframe (regions, cost, play, task)

group-data = Data
group-network = Network
group-training = Training
group-regularization = Regularization
group-gradcheck = Gradient checking
group-view = View
group-classroom = Classroom

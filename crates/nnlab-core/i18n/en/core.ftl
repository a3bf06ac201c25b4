# placeholder
## A bad value in a link or a setting (config/error.rs): the key, the value as given.
err-invalid = { $key }={ $value }: expected { $expected }
err-out-of-range = { $key }={ $value }: out of range, allowed { $allowed }
err-conflict = { $key }={ $value }: { $reason }

## What a key takes (config/key.rs).
expect-seed = a seed from 0 to 4294967295
expect-whole = a whole number
expect-finite = a finite number
expect-number = a number
expect-flag = 1 or 0
expect-bugs = a comma list of w2, b1
expect-layers = hidden layer sizes such as 10,5
expect-key = a key of the link format
expect-layer-edit = add, remove, inc or dec of an existing layer
range-count = { $min } to { $max }
range-count-of = { $min } to { $max } { $unit }
unit-points = points
unit-units-per-layer = units per layer
unit-hidden-layers = hidden layers
unit-examples = examples

## Combinations a configuration refuses (config/validate.rs).
conflict-recorded = data={ $data } is recorded data and cannot be generated
conflict-case = init=case draws the gradient-check case: it needs data=gradcase
conflict-work = { $points } points through this network is { $work } multiply-adds per pass, over the limit of { $limit }: use fewer or narrower layers or fewer points
conflict-points-custom = own points need data=custom
conflict-test-frac = testFrac splits own points (data=custom) and generated data (circles with dataSeed, n or noise, and the other shapes); the course's data has its own test set
conflict-test-points = this share of { $n } training points is { $test } test points, over the limit of { $limit }
conflict-custom-points = data=custom needs points= (paste or upload a CSV, or edit points)
conflict-custom-generate = data=custom has its own points: n and noise generate data
conflict-batch-size = a mini-batch cannot be larger than the { $points } training points
conflict-batch-dropout = mini-batches and dropout (keep < 1) do not combine here: dropout's masks cover the whole training set
conflict-features-gradcase = features are computed from a point (x1, x2) of the plane: data=gradcase has 4 inputs of its own
conflict-regression-classes = regression needs data whose labels are numbers: data=plane, data=gauss (the two-Gaussian surface) or data=custom; data={ $data } has two classes
conflict-classification-values = data={ $data } has numeric labels: it needs problem=regression
conflict-classification-own-values = the own points' labels are numbers from { $min } to { $max }, not two classes: problem=regression fits them
expect-compare = 1, 0, or KEY:v1,v2,v3 with three different values of one training key (opt:gd,momentum,adam)

## Links (config/link.rs) and a teacher's links (config/assignment.rs).
warn-repeated = repeated key: the last value wins
warn-unknown = unknown key, ignored
qr-refused = This link has { $length } characters, too many for a QR code (at most about 2900): shorten the task text.
expect-names = key or group names ({ $names }, or a key such as lr)
features-empty = at least one feature is needed: { $names }
features-unknown = "{ $name }" is not a feature: { $names }
features-repeated = "{ $name }" named twice
task-too-long = at most { $max } characters (this one has { $length }: the first { $max } are shown)
quiz-needs-bugs = the gradient-check exercise needs planted bugs (bugs=w2, b1 or w2,b1): without them there is nothing to guess
quiz-regression = problem=regression has no accuracy to predict: its readouts are losses
locked-by-teacher = set by your teacher's link (kept at { $key }={ $value })

## The labs and their presets (config/compare.rs, config/mod.rs): lab-FAMILY, preset-NAME.
lab-playground = Playground
lab-initialization = Initialization
lab-regularization = Regularization
lab-gradcheck = Gradient checking
lab-heading = { $lab } — { $preset }
preset-init-zeros = Zeros
preset-init-random = Random ×10
preset-init-he = He
preset-reg-none = None
preset-reg-l2 = L2
preset-reg-dropout = Dropout
preset-gradcheck = Gradient checking
preset-gradcheck-button = Check backprop

## A run's status line and health (run/health.rs).
status-and = { $line } { $more }
status-done = Done: { $iters } iterations.
status-training = Training…
status-ready = Ready: press Play or step.
status-paused = Paused.
status-stalled = Learning has stopped: every weight's gradient is exactly 0 (see the network diagram), so no weight can change.
status-compare-done = Done: all three runs finished.
status-compare-training = Training the three runs…
status-compare-stalled = Learning has stopped in { $runs }: every weight's gradient is exactly 0.
health-infinite-cost = The cost is ∞: the sigmoid output is exactly 0 or 1 on the wrong side for some training point (log 0). Huge weights saturate it.
health-diverged = Training diverged at iteration { $iteration }: a gradient overflowed to inf or NaN, so training stopped. The weights shown are the last finite ones. Lower the learning rate (or λ) and reset.
health-zero-weights = Every weight is 0: all hidden units compute the same thing and get the same gradient, so they never become different (symmetry is never broken).
health-cost-rose = {" "}The cost rose from { $first } to { $last }.
health-dead-layer = Every unit of hidden layer { $layer } is dead: its ReLU outputs 0 on every training point, so no gradient reaches the layers below and the network predicts the same value everywhere.{ $rose } A learning rate or starting weights too large for this network usually do this.
health-dead-units = { $dead } of { $hidden } hidden units are dead (ReLU 0 on every training point).

## Gradient checking's diagnosis (run/gradcheck/diagnosis.rs): d the difference, t the
## threshold, o the course's older threshold, suspects the parameters blamed.
verdict-pass = { $d } is below the threshold { $t } and the course's older { $o }: backprop agrees with the numerical gradient.
verdict-round-off = { $d } is below the threshold { $t }, so backprop is right, yet above the course's older { $o }: the old threshold flags correct code because of round-off in J(θ ± ε).
verdict-fail-no-suspect = { $d } is not below the threshold { $t }, but no parameter's gradient is off by a sizeable part of itself: this looks like round-off or truncation (try another ε), not a bug.
verdict-fail = { $d } is not below the threshold { $t }: the backward pass is wrong. The gradients of { $suspects } disagree with the numerical ones.
verdict-undefined = The difference is not a number, so the check can say nothing (it does not pass).
verdict-and = {" "}and{" "}
course-1d = the course's 1-D check
course-correct = correct backprop
course-bugs = both planted bugs
gc-rule = (difference of a parameter: the same formula over its entries; share of difference: ||analytic - numerical|| / (||grad|| + ||gradapprox||), over a parameter or one row; the difference is the square root of the sum of the squared shares. A parameter is suspect when its share alone is above { $t }, its own difference above { $s } and its error above round-off. A row's relative error can exceed { $t } from round-off when its gradient is small.)
nan-cost = The cost J is { $cost } at these weights: a sigmoid output saturated to exactly 0 or 1 makes 0·log(0) = nan in the plain-sum cost the check differentiates, so the numerical gradients are meaningless. Try smaller weights.
nan-zero = Every gradient, analytic and numerical, is exactly 0, so the difference is 0/0: there is nothing to compare (zero weights pass no gradient back).
nan-gradient = Some gradient is not a finite number.

## The gradient-check panel (view/gradcheck.rs).
course-identical = identical
course-agrees = agrees to { $digits } significant digits
course-summary = course ({ $label }): { $value } · { $agree }
one-d-course = {" "}(course: { $value })
one-d-summary = J(θ) = θ·x with x = { $x }, θ = { $theta }, ε = { $eps }: difference { $difference }{ $course }. The slope of a line needs no truncation, so only round-off remains.
course-elsewhere = The course prints { $correct } (correct backprop) and { $bugs } (both bugs) for its own case: the gradcheck preset at iteration 0, ε = { $eps }.
gc-summary = { $n } parameters · { $examples } training examples · cost J(θ) = { $cost } · iteration { $iteration }
gc-summary-one = { $n } parameters · { $examples } training example · cost J(θ) = { $cost } · iteration { $iteration }
heat-exact = exact (0)

## Inside the training (view/inside.rs): the chart's extra curves, the small curves, dropout.
curve-train = train cost
curve-test = test cost
curve-ce = cross-entropy term
curve-l2 = L2 term
symmetry-layer = Hidden layer { $layer }: these { $n } units compute the same function.
spark-z = spread of z (std)
spark-a = spread of a (std)
spark-dead = dead ReLU units
spark-saturated = saturated outputs (sigmoid, tanh)
spark-grad-ratio = ‖dW‖ / ‖W‖
spark-weight-norm = weight norm ‖W‖
layer-output = output
layer-n = layer { $layer }
layer-all = all layers
dropout-modes = Training mode (dropout, keep { $keep }): cost { $cost }, accuracy { $accuracy }. Test mode (every unit): cost { $test_cost }, accuracy { $test_accuracy }.
dropout-mask-fixed = Fixed mask (the course's): the same units are dropped at every iteration (greyed in the diagram, for the first training point).
dropout-mask-fresh = Fresh masks: other units are dropped at every iteration (greyed in the diagram, for the first training point).
inside-caption = On the training set (no dropout), every { $stride } iterations; the latest: iteration { $latest }.
inside-caption-each = On the training set (no dropout), every iteration; the latest: iteration { $latest }.

## The cost chart (view/chart.rs).
axis-iteration = iteration
axis-every-epoch = every epoch
axis-every-epochs = every { $k } epochs
axis-iteration-epochs = iteration (marks: { $every } of { $e } iterations)
axis-cost = cost
axis-cost-log = cost (log scale)
chart-hover = { $name }iteration { $iteration } · cost { $cost }

## The network diagram and its neuron maps (view/diagram.rs, view/neurons.rs).
diagram-what-gradient = the last gradient dW
diagram-what-weight = the weight
diagram-caption = Line width grows with |{ $what }| (widest: { $widest }); blue is positive, orange negative.
diagram-no-gradient = No gradient yet: train one iteration to see dW.
diagram-mask-fixed = the course's fixed masks: the same units every iteration
diagram-mask-fresh = fresh masks: new units every iteration
diagram-dropped = {" "}Dashed grey units are dropped for the first training point ({ $dropped } of { $hidden }; { $mode }).
diagram-description = Network { $shape }: { $caption }
diagram-input = input
diagram-hidden = hidden { $layer }
neuron-input-label = input { $feature }
neuron-label = hidden layer { $layer }, unit { $unit }
neuron-not-fit = The maps of { $off } hidden units do not fit at this width.

## Guess before reveal (run/quiz.rs).
quiz-found-none-wrong = You found { $found } of the { $wrong } wrong gradients and picked no correct one.
quiz-found-one-wrong = You found { $found } of the { $wrong } wrong gradients, and picked { $mistaken } correct one ({ $names }).
quiz-found = You found { $found } of the { $wrong } wrong gradients, and picked { $mistaken } correct ones ({ $names }).
quiz-right = { $param }: right, its backprop gradient is wrong.
quiz-not-this = { $param }: not this one, its backprop gradient is right.
quiz-missed = { $param }: missed, its backprop gradient is wrong.
expect-prediction = a test accuracy in percent, from 0 to 100
quiz-exact = exactly right
quiz-higher = { $points } points higher
quiz-lower = { $points } points lower
quiz-predicted = You predicted { $guess }%; the test accuracy at iteration { $iteration } is { $actual } ({ $how }).
no-plane = { $features }-D data: no plane to paint

## The formulas of a run (view/formulas.rs).
formula-cost = cost
formula-update = update
formula-init = initialization
formula-dropout = dropout
formula-gradcheck = gradient check
formula-case = the course's fixed test case
formula-difference = difference

## Own data as CSV (data/csv.rs).
csv-empty = the data is empty: expected rows x1,x2,label
csv-header-only = only a header row: expected rows x1,x2,label after it
csv-too-many = { $rows } rows: at most { $max } points can be trained on and travel in a link; keep the rest in a CSV file
csv-binary = line { $line }: binary data, not text: expected a CSV text file of rows x1,x2,label
csv-columns = line { $line }: { $found } fields: expected 3 (x1,x2,label) or 4 (x1,x2,label,set)
csv-columns-one = line { $line }: { $found } field: expected 3 (x1,x2,label) or 4 (x1,x2,label,set)
csv-field = line { $line }, column { $column } ({ $name }): "{ $value }": expected { $expected }
csv-third-label = line { $line }, column 3 (label): "{ $value }" is a third label: expected two classes, { $first } or { $second }
csv-third-label-numbers = line { $line }, column 3 (label): "{ $value }" is a third label: expected two classes, { $first } or { $second }; numeric labels are read with problem=regression
csv-one-class = every row has label "{ $label }": needs two classes
csv-no-train = column 4 (set) puts no row in the training set: expected at least one train and one test row
csv-no-test = column 4 (set) puts no row in the test set: expected at least one train and one test row
csv-expect-number = a number such as 0.25 or -1e3
csv-expect-plain = a plain value: quoted fields are not read
csv-expect-magnitude = a number from -1e12 to 1e12
csv-expect-finite = a finite number (not NaN or infinite)
csv-expect-label = a label (two distinct values, such as 0 and 1)
csv-expect-value = a number such as 0.25 or -1e3 (problem=regression reads numeric labels; class names need problem=classification)
csv-expect-set = train or test
csv-split-column = split by the set column
csv-split-frac = split by testFrac and dataSeed
csv-summary = { $points } points, { $split }; labels: { $first } → 0, { $second } → 1
csv-summary-values = { $points } points, { $split }; labels: numbers from { $min } to { $max }
csv-summary-zero-one = { $points } points, { $split }; labels: only 0 and 1, fitted as the numbers 0 and 1 (problem=classification reads them as two classes)
csv-summary-now-regression = { $summary }: more than two numbers, so the link now fits them (problem=regression)

## Own points in a link (data/points.rs).
points-not-text = expected nnlab's base64url point encoding (A-Z a-z 0-9 - _)
points-broken = not a whole encoding: the link was cut or changed
points-length = { $found } bytes where the header says { $expected }: the link was cut or changed
points-version = encoding version { $version }: this nnlab reads versions 1 to { $reads }
points-checksum = checksum mismatch: the link was changed
points-count = { $n } points: expected 2 to { $max }
points-no-train = the training set is empty: expected at least one point in each
points-no-test = the test set is empty: expected at least one point in each
points-not-finite = decodes to non-finite or huge numbers: expected coordinates from -1e12 to 1e12
points-span = { $axis } spans too little for its size to keep its precision: subtract an offset
points-features = { $k }-D data: own points are 2-D
points-labels-not-finite = numeric labels that are non-finite or huge: expected numbers from -1e12 to 1e12
points-value = value "{ $value }": expected a finite number from -1e12 to 1e12
gradcheck-too-big = gradient checking takes one pass per parameter: this network has { $count }, the limit is { $limit }

## The readout (run/snapshot.rs): train − test accuracy in percentage points.
gap-points = { $gap } pts
## Regression's readouts and the regions' legend (run/snapshot.rs); classification's are page-stat-* and page-label-*.
readout-train-loss = train loss
readout-test-loss = test loss
readout-gap-loss = gap (test − train)
legend-value-low = value ≤ 0
legend-value-high = value > 0
legend-value-hint = shade = predicted value: orange below 0, white at 0, blue above

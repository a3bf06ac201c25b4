# 引擎的句子：简体中文（与 en/core.ftl 同 id、同占位符）。数字由引擎先格式化，两种语言一样。
# The engine's sentences in Simplified Chinese; terms: README.md beside this file.

## 链接或设置中的错误值 (config/error.rs)。
err-invalid = { $key }={ $value }：应为 { $expected }
err-out-of-range = { $key }={ $value }：超出范围，允许 { $allowed }
err-conflict = { $key }={ $value }：{ $reason }

## 参数接受的值 (config/key.rs)。
expect-seed = 0 到 4294967295 之间的种子
expect-whole = 整数
expect-finite = 有限的数
expect-number = 数字
expect-flag = 1 或 0
expect-bugs = w2、b1 的逗号列表
expect-layers = 隐藏层单元数，例如 10,5
expect-key = 链接格式中的参数名
expect-layer-edit = 对已有层的 add、remove、inc 或 dec
range-count = { $min } 到 { $max }
range-count-of = { $min } 到 { $max } { $unit }
unit-points = 个点
unit-units-per-layer = 个单元每层
unit-hidden-layers = 个隐藏层
unit-examples = 个样本

## 配置拒绝的组合 (config/validate.rs)。
conflict-recorded = data={ $data } 是记录的数据，不能生成
conflict-case = init=case 抽取梯度检验的测试用例：需要 data=gradcase
conflict-work = { $points } 个点经过这个网络，每次传播需要 { $work } 次乘加，超过上限 { $limit }：请减少层数、缩小层宽或减少点数
conflict-points-custom = 自有数据点需要 data=custom
conflict-test-frac = testFrac 用于划分自有数据（data=custom）和生成数据（带 dataSeed、n 或 noise 的 circles，以及其他形状）；课程数据有自己的测试集
conflict-test-points = 按这个比例，{ $n } 个训练点对应 { $test } 个测试点，超过上限 { $limit }
conflict-custom-points = data=custom 需要 points=（粘贴或上传 CSV，或编辑数据点）
conflict-custom-generate = data=custom 有自己的数据点：n 和 noise 用于生成数据
conflict-batch-size = 小批量（mini-batch）不能大于 { $points } 个训练点
conflict-batch-dropout = 小批量与随机失活（keep < 1）在这里不能同时使用：随机失活的掩码覆盖整个训练集
conflict-features-gradcase = 特征（features）由平面上的一点 (x1, x2) 计算：data=gradcase 有自己的 4 个输入
conflict-regression-classes = 回归（regression）需要标签为数值的数据：data=plane、data=gauss（两个高斯的曲面）或 data=custom；data={ $data } 只有两个类别
conflict-classification-values = data={ $data } 的标签是数值：需要 problem=regression
conflict-classification-own-values = 自有数据点的标签是 { $min } 到 { $max } 之间的数，而不是两个类别：请用 problem=regression（回归）拟合它们
expect-compare = 1、0，或 KEY:v1,v2,v3：一个训练参数的三个不同值（opt:gd,momentum,adam）

## 链接 (config/link.rs) 与教师的链接 (config/assignment.rs)。
warn-repeated = 参数重复：以最后一个值为准
warn-unknown = 未知参数，已忽略
qr-refused = 这个链接有 { $length } 个字符，超出二维码的容量（最多约 2900）：请缩短作业说明。
expect-names = 参数或分组名（{ $names }，或参数名，例如 lr）
features-empty = 至少需要一个特征（feature）：{ $names }
features-unknown = "{ $name }" 不是特征：{ $names }
features-repeated = "{ $name }" 重复出现
task-too-long = 最多 { $max } 个字符（这段有 { $length } 个：只显示前 { $max } 个）
quiz-needs-bugs = 梯度检验练习需要预设错误（bugs=w2、b1 或 w2,b1）：没有错误就没有可猜的
quiz-regression = problem=regression 没有准确率可预测：它的读数是损失（loss）
locked-by-teacher = 由教师的链接设定（保持 { $key }={ $value }）

## 实验与预设 (config/compare.rs, config/mod.rs)。
lab-playground = 自由实验
lab-initialization = 初始化（initialization）
lab-regularization = 正则化（regularization）
lab-gradcheck = 梯度检验（gradient checking）
lab-heading = { $lab } — { $preset }
preset-init-zeros = 零初始化
preset-init-random = 随机 ×10
preset-init-he = He
preset-reg-none = 无正则化
preset-reg-l2 = L2
preset-reg-dropout = 随机失活
preset-gradcheck = 梯度检验
preset-gradcheck-button = 检验反向传播

## 运行状态与健康 (run/health.rs)。
status-and = { $line }{ $more }
status-done = 完成：{ $iters } 次迭代。
status-training = 训练中…
status-ready = 就绪：按“训练”或单步。
status-paused = 已暂停。
status-stalled = 学习已停止：每个权重的梯度都正好为 0（见网络图），权重无法再改变。
status-compare-done = 完成：三次运行都已结束。
status-compare-training = 三次运行训练中…
status-compare-stalled = { $runs } 的学习已停止：每个权重的梯度都正好为 0。
health-infinite-cost = 代价为 ∞：某个训练点上 sigmoid 的输出正好是错误一侧的 0 或 1（log 0）。过大的权重会使它饱和。
health-diverged = 训练在第 { $iteration } 次迭代发散：梯度溢出为 inf 或 NaN，训练已停止。显示的是最后一组有限的权重。请降低学习率（或 λ）后重置。
health-zero-weights = 所有权重都为 0：所有隐藏单元计算相同的东西、得到相同的梯度，永远不会变得不同（对称性始终未被打破）。
health-cost-rose = 代价从 { $first } 升到了 { $last }。
health-dead-layer = 第 { $layer } 个隐藏层的所有单元都已“死亡”：它的 ReLU 在每个训练点上都输出 0，梯度传不到下面的层，网络在各处预测同一个值。{ $rose }学习率或初始权重对这个网络过大，通常会导致这种情况。
health-dead-units = { $hidden } 个隐藏单元中有 { $dead } 个已“死亡”（ReLU 在每个训练点上都为 0）。

## 梯度检验的诊断 (run/gradcheck/diagnosis.rs)。
verdict-pass = { $d } 低于阈值 { $t }，也低于课程较早的 { $o }：反向传播与数值梯度一致。
verdict-round-off = { $d } 低于阈值 { $t }，所以反向传播是对的，但高于课程较早的 { $o }：旧阈值因 J(θ ± ε) 的舍入误差而把正确的代码标为错误。
verdict-fail-no-suspect = { $d } 不低于阈值 { $t }，但没有哪个参数的梯度偏离了自身的相当一部分：这看起来是舍入或截断误差（换一个 ε 试试），而不是错误。
verdict-fail = { $d } 不低于阈值 { $t }：反向传播有错。{ $suspects } 的梯度与数值梯度不一致。
verdict-undefined = 差值不是数字，检验无法给出结论（不算通过）。
verdict-and = 和
course-1d = 课程的一维检验
course-correct = 正确的反向传播
course-bugs = 两个预设错误
gc-rule = （一个参数的差值：对其各元素用同一公式；差值占比：||analytic - numerical|| / (||grad|| + ||gradapprox||)，按一个参数或一行计算；差值是各占比平方和的平方根。一个参数被怀疑，当且仅当它单独的占比高于 { $t }、自身的差值高于 { $s }，且误差高于舍入误差。梯度很小时，一行的相对误差可能因舍入而超过 { $t }。）
nan-cost = 在这组权重下代价 J 为 { $cost }：sigmoid 输出饱和到正好 0 或 1，使检验所求导的求和代价中出现 0·log(0) = nan，数值梯度没有意义。请用更小的权重。
nan-zero = 每个梯度（解析的和数值的）都正好为 0，差值是 0/0：没有可比较的（零权重不会把梯度传回）。
nan-gradient = 某个梯度不是有限的数。
gradcheck-too-big = 梯度检验对每个参数做一次传播：这个网络有 { $count } 个参数，上限为 { $limit }

## 梯度检验面板 (view/gradcheck.rs)。
course-identical = 完全相同
course-agrees = { $digits } 位有效数字一致
course-summary = 课程（{ $label }）：{ $value } · { $agree }
one-d-course = （课程：{ $value }）
one-d-summary = J(θ) = θ·x，x = { $x }，θ = { $theta }，ε = { $eps }：差值 { $difference }{ $course }。直线的斜率没有截断误差，只剩舍入误差。
course-elsewhere = 课程对它自己的用例（迭代 0 的 gradcheck 预设，ε = { $eps }）给出 { $correct }（正确的反向传播）和 { $bugs }（两个错误）。
gc-summary = { $n } 个参数 · { $examples } 个训练样本 · 代价 J(θ) = { $cost } · 第 { $iteration } 次迭代
gc-summary-one = { $n } 个参数 · { $examples } 个训练样本 · 代价 J(θ) = { $cost } · 第 { $iteration } 次迭代
heat-exact = 完全一致 (0)

## 训练的内部 (view/inside.rs)。
curve-train = 训练代价
curve-test = 测试代价
curve-ce = 交叉熵项
curve-l2 = L2 项
symmetry-layer = 第 { $layer } 个隐藏层：这 { $n } 个单元计算同一个函数。
spark-z = z 的离散度（std）
spark-a = a 的离散度（std）
spark-dead = “死亡”的 ReLU 单元
spark-saturated = 饱和的输出（sigmoid、tanh）
spark-grad-ratio = ‖dW‖ / ‖W‖
spark-weight-norm = 权重范数 ‖W‖
layer-output = 输出层
layer-n = 第 { $layer } 层
layer-all = 所有层
dropout-modes = 训练模式（随机失活 dropout，保留概率 { $keep }）：代价 { $cost }，准确率 { $accuracy }。测试模式（全部单元）：代价 { $test_cost }，准确率 { $test_accuracy }。
dropout-mask-fixed = 固定掩码（课程的）：每次迭代丢弃相同的单元（在网络图中以灰色显示，针对第一个训练点）。
dropout-mask-fresh = 新掩码：每次迭代丢弃不同的单元（在网络图中以灰色显示，针对第一个训练点）。
inside-caption = 在训练集上（无随机失活），每 { $stride } 次迭代采样一次；最新：第 { $latest } 次迭代。
inside-caption-each = 在训练集上（无随机失活），每次迭代采样一次；最新：第 { $latest } 次迭代。

## 代价曲线 (view/chart.rs)。
axis-iteration = 迭代
axis-every-epoch = 每轮
axis-every-epochs = 每 { $k } 轮
axis-iteration-epochs = 迭代（标记：{ $every }，每轮 { $e } 次迭代）
axis-cost = 代价
axis-cost-log = 代价（对数坐标）
chart-hover = { $name }第 { $iteration } 次迭代 · 代价 { $cost }

## 公式 (view/formulas.rs)。
formula-cost = 代价函数（cost）
formula-update = 更新
formula-init = 初始化
formula-dropout = 随机失活
formula-gradcheck = 梯度检验
formula-case = 课程的固定测试用例
formula-difference = 差值

## 网络图与神经元图 (view/diagram.rs, view/neurons.rs)。
diagram-what-gradient = 最近一次的梯度 dW
diagram-what-weight = 权重
diagram-caption = 线宽随 |{ $what }| 增大（最宽：{ $widest }）；蓝色为正，橙色为负。
diagram-no-gradient = 还没有梯度：训练一次迭代即可看到 dW。
diagram-mask-fixed = 课程的固定掩码：每次迭代相同的单元
diagram-mask-fresh = 新掩码：每次迭代不同的单元
diagram-dropped = 虚线灰色单元在第一个训练点上被丢弃（{ $hidden } 个中的 { $dropped } 个；{ $mode }）。
diagram-description = 网络 { $shape }：{ $caption }
diagram-input = 输入层
diagram-hidden = 隐藏层 { $layer }
neuron-input-label = 输入 { $feature }
neuron-label = 第 { $layer } 个隐藏层，第 { $unit } 个单元
neuron-not-fit = 在这个宽度下放不下 { $off } 个隐藏单元的图。

## 先猜后揭晓 (run/quiz.rs)。
quiz-found-none-wrong = 你找到了 { $wrong } 个错误梯度中的 { $found } 个，没有误选正确的。
quiz-found-one-wrong = 你找到了 { $wrong } 个错误梯度中的 { $found } 个，误选了 { $mistaken } 个正确的（{ $names }）。
quiz-found = 你找到了 { $wrong } 个错误梯度中的 { $found } 个，误选了 { $mistaken } 个正确的（{ $names }）。
quiz-right = { $param }：选对了，它的反向传播梯度有错。
quiz-not-this = { $param }：不是它，它的反向传播梯度是对的。
quiz-missed = { $param }：漏选了，它的反向传播梯度有错。
expect-prediction = 以百分比表示的测试集准确率，0 到 100
quiz-exact = 完全正确
quiz-higher = 高 { $points } 个百分点
quiz-lower = 低 { $points } 个百分点
quiz-predicted = 你预测 { $guess }%；第 { $iteration } 次迭代时测试集准确率为 { $actual }（{ $how }）。
no-plane = { $features } 维数据：没有可绘制的平面

## 自有数据 CSV (data/csv.rs)。
csv-empty = 数据为空：应为 x1,x2,label 形式的行
csv-header-only = 只有表头行：其后应有 x1,x2,label 形式的行
csv-too-many = { $rows } 行：最多 { $max } 个点可以训练并放进链接；其余的请保存在 CSV 文件中
csv-binary = 第 { $line } 行：二进制数据而非文本：应为 x1,x2,label 行组成的 CSV 文本文件
csv-columns = 第 { $line } 行：{ $found } 个字段：应为 3 个（x1,x2,label）或 4 个（x1,x2,label,set）
csv-columns-one = 第 { $line } 行：{ $found } 个字段：应为 3 个（x1,x2,label）或 4 个（x1,x2,label,set）
csv-field = 第 { $line } 行第 { $column } 列（{ $name }）：“{ $value }”：应为 { $expected }
csv-third-label = 第 { $line } 行第 3 列（label）：“{ $value }”是第三个标签：应只有两个类别，{ $first } 或 { $second }
csv-third-label-numbers = 第 { $line } 行第 3 列（label）：“{ $value }”是第三个标签：应只有两个类别，{ $first } 或 { $second }；数值标签请用 problem=regression（回归）读取
csv-one-class = 每一行的标签都是“{ $label }”：需要两个类别
csv-no-train = 第 4 列（set）没有把任何行放进训练集：应至少有一行 train 和一行 test
csv-no-test = 第 4 列（set）没有把任何行放进测试集：应至少有一行 train 和一行 test
csv-expect-number = 数字，例如 0.25 或 -1e3
csv-expect-plain = 普通值：不读取带引号的字段
csv-expect-magnitude = -1e12 到 1e12 之间的数
csv-expect-finite = 有限的数（不是 NaN 或无穷大）
csv-expect-label = 标签（两个不同的值，例如 0 和 1）
csv-expect-value = 数字，例如 0.25 或 -1e3（problem=regression 读取数值标签；类别名称需要 problem=classification）
csv-expect-set = train 或 test
csv-split-column = 按 set 列划分
csv-split-frac = 按 testFrac 和 dataSeed 划分
csv-summary = { $points } 个点，{ $split }；标签：{ $first } → 0，{ $second } → 1
csv-summary-values = { $points } 个点，{ $split }；标签：{ $min } 到 { $max } 之间的数
csv-summary-zero-one = { $points } 个点，{ $split }；标签：只有 0 和 1，按数值 0 和 1 拟合（problem=classification 会把它们读作两个类别）
csv-summary-now-regression = { $summary }：多于两个数值，因此链接改为拟合这些数（problem=regression，回归）

## 链接中的自有数据点 (data/points.rs)。
points-not-text = 应为 nnlab 的 base64url 数据点编码（A-Z a-z 0-9 - _）
points-broken = 编码不完整：链接被截断或修改过
points-length = { $found } 字节，而头部写的是 { $expected }：链接被截断或修改过
points-version = 编码版本 { $version }：这个 nnlab 读取版本 1 到 { $reads }
points-checksum = 校验和不匹配：链接被修改过
points-count = { $n } 个点：应为 2 到 { $max }
points-no-train = 训练集为空：每个集合应至少有一个点
points-no-test = 测试集为空：每个集合应至少有一个点
points-not-finite = 解码得到非有限或过大的数：坐标应在 -1e12 到 1e12 之间
points-span = { $axis } 的跨度相对其大小太小，无法保持精度：请减去一个偏移量
points-features = { $k } 维数据：自有数据点是二维的
points-labels-not-finite = 数值标签是非有限或过大的数：应在 -1e12 到 1e12 之间
points-value = 值“{ $value }”：应为 -1e12 到 1e12 之间的有限数

## 读数 (run/snapshot.rs)：训练集与测试集准确率之差，以百分点计。
gap-points = { $gap } 个百分点
## 回归（regression）的读数与决策区域图例 (run/snapshot.rs)。
readout-train-loss = 训练集损失（loss）
readout-test-loss = 测试集损失
readout-gap-loss = 差距（测试 − 训练）
legend-value-low = 值 ≤ 0
legend-value-high = 值 > 0
legend-value-hint = 深浅 = 预测值：小于 0 为橙色，0 为白色，大于 0 为蓝色

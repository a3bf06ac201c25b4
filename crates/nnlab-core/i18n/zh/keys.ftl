# 链接参数（key）的标签与说明：简体中文。术语表见同目录 README.md。
# The key table's words in Simplified Chinese (same ids as en/keys.ftl).

key-data-label = 数据集
key-data-help = 用来训练的数据点
key-problem-label = 问题类型
key-problem-help = classification（分类）：两个类别，sigmoid 输出，交叉熵（课程所用）| regression（回归）：一个数值，线性输出，平方误差 1/(2m)·Σ(ŷ − y)²（data=plane、gauss、custom）
key-dataSeed-label = 数据种子
key-dataSeed-help = 生成数据及自有数据点测试集划分的随机种子（不设时 circles 与 football 为课程原数据）
key-n-label = 样本数
key-n-help = 生成的训练样本数
key-noise-label = 噪声
key-noise-help = 生成数据的噪声
key-testFrac-label = 测试集比例
key-testFrac-help = 留作测试的样本比例，按 dataSeed 抽取（无 set 列的自有数据）；生成数据：n 个训练样本及 n·testFrac/(1 − testFrac) 个测试样本，种子为 dataSeed+1（不设：课程的 n/3）
key-normalize-label = 归一化输入
key-normalize-help = 1 = 按特征减去训练集均值、除以其标准差（测试集同样处理）
key-features-label = 输入特征
key-features-help = 网络的输入特征（features），逗号分隔：x1、x2、x1sq（x1²）、x2sq（x2²）、x1x2（x1·x2）、sinx1、sinx2；x1,x2 为课程所用
key-points-label = 自有数据点
key-points-help = data=custom 时的自有数据点：粘贴或上传的 CSV，或在页面上绘制的点（量化，base64url）
key-layers-label = 隐藏层
key-layers-help = 各隐藏层的单元数，逗号分隔（10,5）
key-init-label = 初始化
key-init-help = 权重的初始值（xavier 适合 tanh 与 sigmoid，he 适合 relu；case：梯度检验实验的抽样）
key-act-label = 隐藏层激活函数
key-act-help = 隐藏层的激活函数（输出层仍为 sigmoid，problem=regression 时为线性）；relu 为课程所用
key-scale-label = 随机缩放
key-scale-help = 随机初始化的缩放系数
key-seed-label = 初始化种子
key-seed-help = 初始化的随机种子
key-lr-label = 学习率
key-lr-help = 梯度下降的步长
key-iters-label = 迭代次数
key-iters-help = 要运行的迭代次数
key-opt-label = 优化器
key-opt-help = gd（课程实验所用）| momentum | adam（含偏差修正）
key-beta-label = 动量 β
key-beta-help = 动量：v = β·v + (1 − β)·dW，0 <= β < 1
key-beta1-label = Adam β₁
key-beta1-help = Adam 一阶矩的衰减率，0 <= β₁ < 1
key-beta2-label = Adam β₂
key-beta2-help = Adam 二阶矩的衰减率，0 <= β₂ < 1
key-epsilon-label = Adam ε
key-epsilon-help = Adam 在 lr·v̂/(√ŝ + ε) 中的 ε
key-batch-label = 小批量大小
key-batch-help = 每次迭代的样本数，每轮（epoch）重新打乱（0 = 整个训练集，课程所用）
key-batchSeed-label = 小批量种子
key-batchSeed-help = 小批量打乱的随机种子
key-lambda-label = L2 λ
key-lambda-help = L2 正则化强度（0 = 关闭）
key-l1-label = L1 λ₁
key-l1-help = L1 正则化强度：代价中加上 (λ₁/m)·Σ|W|（0 = 关闭）
key-keep-label = 保留概率
key-keep-help = 随机失活（dropout）的保留概率 keep_prob（1 = 关闭）
key-mask-label = 随机失活掩码
key-mask-help = fixed（课程：每次迭代相同的掩码）| fresh（每次迭代新的掩码）
key-dropSeed-label = 随机失活种子
key-dropSeed-help = 随机失活的随机种子
key-bugs-label = 预设错误
key-bugs-help = 反向传播中的预设错误：w2、b1（逗号分隔；空 = 无）
key-eps-label = ε
key-eps-help = 梯度检验的步长 epsilon
key-play-label = 打开链接即开始训练
key-play-help = 1 = 打开链接时开始训练
key-compare-label = 比较三次运行
key-compare-help = 1 = 并排显示本实验的三次运行（保留本链接的其他改动；实验之外则比较三种优化器）；KEY:v1,v2,v3 = 只在一个参数上不同的三次运行，例如 opt:gd,momentum,adam
key-showTest-label = 显示测试点
key-showTest-help = 1 = 画出测试集的点
key-logCost-label = 代价取对数坐标
key-logCost-help = 1 = 代价曲线用对数坐标
key-discrete-label = 两种纯色类别
key-discrete-help = 1 = 决策区域显示为两种纯色类别，而不是概率的深浅
key-lang-label = 语言
key-lang-help = 页面语言：en（English）| zh（中文）；不设：跟随浏览器
key-lock-label = 锁定的设置
key-lock-help = 学生能看到但不能修改的参数或分组（data、training、…、all），逗号分隔
key-hide-label = 隐藏的设置
key-hide-help = 不显示的参数或分组（data、training、…、all），逗号分隔
key-task-label = 作业说明
key-task-help = 显示在实验上方的问题，纯文本（最多 1000 个字符）
key-quiz-label = 先猜后揭晓
key-quiz-help = 1 = 学生先猜：哪些参数的梯度有错（含预设错误的梯度检验），否则猜测试集准确率
key-embed-label = 紧凑嵌入视图
key-embed-help = 1 = 用于 iframe 的紧凑视图（决策区域、代价、训练、作业）

group-data = 数据
group-network = 网络
group-training = 训练
group-regularization = 正则化（regularization）
group-gradcheck = 梯度检验（gradient checking）
group-view = 显示
group-classroom = 课堂

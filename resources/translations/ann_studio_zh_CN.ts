<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>ActivationFunctionPanel</name>
        <message>
            <location filename="ann_studio/views/plots/activation_function_plot.py" />
            <source>%1 of %2, unit %3</source>
            <translation>%2 的%1，单元 %3</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activation_function_plot.py" />
            <source>Activation function</source>
            <translation>激活函数</translation>
        </message>
    </context>
    <context>
        <name>ActivationsPanel</name>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>%1: %2 of %3 %4</source>
            <translation>%1：%3 个单元中 %2 个%4</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>Current sample</source>
            <translation>当前样本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>Over %1 samples</source>
            <translation>%1 个样本上的分布</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>Over the batch</source>
            <translation>批次上的分布</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>activation</source>
            <translation>激活值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>count</source>
            <translation>计数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>dead</source>
            <translation>失活</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>saturated</source>
            <translation>饱和</translation>
        </message>
    </context>
    <context>
        <name>AssignmentDialog</name>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>Classroom assignments (*.annclass)</source>
            <translation>课堂作业 (*.annclass)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>Control</source>
            <translation>控件</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>For students</source>
            <translation>对学生</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>Practice: require correct δ in a row:</source>
            <translation>练习：要求连续答对 δ 的题数：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>Practice: require every quantity of one full step</source>
            <translation>练习：要求答对完整一步中的每个量</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>Save Classroom Assignment</source>
            <translation>保存课堂作业</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>Save assignment</source>
            <translation>保存作业</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>Students who open the file start on this lesson. Choose what they may use:</source>
            <translation>学生打开这个文件后会从本课开始。请选择他们可以使用哪些功能：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>hidden</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>locked (visible, disabled)</source>
            <translation>锁定（可见但不可用）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/assignment_dialog.py" />
            <source>shown</source>
            <translation>显示</translation>
        </message>
    </context>
    <context>
        <name>CanvasView</name>
        <message>
            <location filename="ann_studio/views/canvas/view.py" />
            <source>Add Layer</source>
            <translation>添加层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/view.py" />
            <source>Make Output Layer</source>
            <translation>设为输出层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/view.py" />
            <source>Use Sigmoid</source>
            <translation>改用 Sigmoid</translation>
        </message>
    </context>
    <context>
        <name>ClassNames</name>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>above</source>
            <translation>曲线上方</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>arm %1</source>
            <translation>第 %1 臂</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>bad</source>
            <translation>坏</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>below</source>
            <translation>曲线下方</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>blob %1</source>
            <translation>第 %1 团</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>good</source>
            <translation>好</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>inner</source>
            <translation>内圈</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>lower</source>
            <translation>下方</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>outer</source>
            <translation>外圈</translation>
        </message>
        <message>
            <location filename="ann_studio/views/class_names.py" />
            <source>upper</source>
            <translation>上方</translation>
        </message>
    </context>
    <context>
        <name>Classroom</name>
        <message>
            <location filename="ann_studio/views/classroom_mode.py" />
            <source>Assignment code: %1</source>
            <translation>作业校验码：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/classroom_mode.py" />
            <source>Assignment code: unknown (its project file cannot be read)</source>
            <translation>作业校验码：未知（无法读取其项目文件）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/classroom_mode.py" />
            <source>Could not open %1: %2</source>
            <translation>无法打开 %1：%2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/classroom_mode.py" />
            <source>Opened the assignment %1 (%2)</source>
            <translation>已打开作业 %1（%2）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/classroom_mode.py" />
            <source>This assignment does not let you open other projects.</source>
            <translation>本作业不允许打开其他项目。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/classroom_mode.py" />
            <source>changed since it was saved</source>
            <translation>保存后已被修改</translation>
        </message>
        <message>
            <location filename="ann_studio/views/classroom_mode.py" />
            <source>its project could not be opened</source>
            <translation>无法打开它的项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/classroom_mode.py" />
            <source>the file has no checksum (not saved with Save Assignment…)</source>
            <translation>文件中没有校验值（不是用“保存作业…”保存的）</translation>
        </message>
    </context>
    <context>
        <name>ComparePanel</name>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>%1 · step %2</source>
            <translation>%1 · 第 %2 步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>%1: largest |Δw| %2</source>
            <translation>%1：最大 |Δw| %2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Curves</source>
            <translation>曲线</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Differences</source>
            <translation>差异</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>Every run at step %1 (a run that stopped at a fork: at its own step).</source>
            <translation>所有运行都显示第 %1 步的状态（停在分叉处的运行显示其自身的步数）。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Forked from</source>
            <translation>分叉自</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Log scale</source>
            <translation>对数坐标</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Loss of each run</source>
            <translation>各次运行的损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>Play in lockstep</source>
            <translation>同步播放</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>Replay every run from the fork to the step shown, all at the same step</source>
            <translation>从分叉处开始同步重放每个运行，直到所显示的步数，所有运行始终处于同一步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Run</source>
            <translation>运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Side by side</source>
            <translation>并排比较</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>Side by side shows decision boundaries of problems with two inputs.</source>
            <translation>并排比较只显示两个输入的问题的决策边界。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Step</source>
            <translation>步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Table</source>
            <translation>表格</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Test accuracy</source>
            <translation>测试准确率</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Test loss</source>
            <translation>测试损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>The run whose weights are subtracted</source>
            <translation>被减去其权重的运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>The run whose weights are taken</source>
            <translation>取其权重的运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>The step every run is shown at</source>
            <translation>所有运行显示的步数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Tick the runs to compare (the loss landscape draws their paths too)</source>
            <translation>勾选要比较的运行（损失地形也会画出它们的路径）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Training accuracy</source>
            <translation>训练准确率</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>What changed</source>
            <translation>改动</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>at step</source>
            <translation>分叉步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>input</source>
            <translation>输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>loss (moving mean)</source>
            <translation>损失（滑动平均）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>step</source>
            <translation>步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_views.py" />
            <source>unit</source>
            <translation>单元</translation>
        </message>
    </context>
    <context>
        <name>ConfusionPanel</name>
        <message>
            <location filename="ann_studio/views/plots/confusion_panel.py" />
            <source>Confusion matrix</source>
            <translation>混淆矩阵</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/confusion_panel.py" />
            <source>Test data</source>
            <translation>测试数据</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/confusion_panel.py" />
            <source>The confusion matrix is shown for classification problems.</source>
            <translation>混淆矩阵只用于分类问题。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/confusion_panel.py" />
            <source>Training data</source>
            <translation>训练数据</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/confusion_panel.py" />
            <source>While training plays: %1 of the %2 samples (all of them when paused)</source>
            <translation>训练进行时：%2 个样本中的 %1 个（暂停时统计全部样本）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/confusion_panel.py" />
            <source>predicted class</source>
            <translation>预测类别</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/confusion_panel.py" />
            <source>true class</source>
            <translation>真实类别</translation>
        </message>
    </context>
    <context>
        <name>DataPanel</name>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source> (the plot shows %1 of the %2 points)</source>
            <translation>（图中显示 %2 个点中的 %1 个）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>%1 training and %2 test samples, %3 inputs</source>
            <translation>%1 个训练样本和 %2 个测试样本，%3 个输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>, %1 classes</source>
            <translation>，%1 个类别</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>1,797 real handwritten digits from the UCI repository.</source>
            <translation>来自 UCI 数据库的 1797 个真实手写数字。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>A disc of one class inside a ring of the other.</source>
            <translation>一类点组成圆盘，被另一类点组成的圆环包围。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>AND</source>
            <translation>与 (AND)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Above or below a curve</source>
            <translation>曲线上方或下方</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Checkerboard</source>
            <translation>棋盘格</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Circles</source>
            <translation>同心圆</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Click the plot to add a point, right-click to remove one.</source>
            <translation>点击图表添加一个点，右键单击删除一个点。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Draw class:</source>
            <translation>绘制类别：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Draw new points with the next seed</source>
            <translation>用下一个种子重新生成数据点</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Drawing works for 2-D classification data.</source>
            <translation>只能为二维分类数据绘制数据点。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Drawing works for data sets of up to %1 points.</source>
            <translation>最多 %1 个点的数据集才能绘制点。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Equivalence: 1 when both inputs are equal.</source>
            <translation>同或：两个输入相等时为 1。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Exclusive or: 1 when exactly one input is 1. Not linearly separable.</source>
            <translation>异或：恰有一个输入为 1 时为 1。线性不可分。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Feed %1 to the network as an input unit</source>
            <translation>把 %1 作为一个输入单元送入网络</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Gaussian blobs</source>
            <translation>高斯团簇</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Gaussian bump</source>
            <translation>高斯山丘</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Handwritten digits (8×8)</source>
            <translation>手写数字（8×8）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Imported or drawn data</source>
            <translation>导入或绘制的数据</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Import…</source>
            <translation>导入…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Inputs:</source>
            <translation>输入：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Interleaved spiral arms, one class per arm.</source>
            <translation>相互交错的螺旋臂，每条臂一个类别。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Load a CSV, IDX (MNIST) or NPZ file</source>
            <translation>载入 CSV、IDX (MNIST) 或 NPZ 文件</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Logical and: 1 only when both inputs are 1.</source>
            <translation>逻辑与：仅当两个输入都为 1 时为 1。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Logical or: 1 when either input is 1.</source>
            <translation>逻辑或：任一输入为 1 时为 1。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Moons</source>
            <translation>双月</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>OR</source>
            <translation>或 (OR)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Plane</source>
            <translation>平面</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Points above or below y = f(x).</source>
            <translation>位于 y = f(x) 上方或下方的点。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Regenerate</source>
            <translation>重新生成</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Regression: a smooth hill in the middle of the square.</source>
            <translation>回归：正方形中央的一座平滑山丘。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Regression: y = (x1 + x2) / 2 plus noise.</source>
            <translation>回归：y = (x1 + x2) / 2 加噪声。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Regression: y = sin(π·periods·x) plus noise.</source>
            <translation>回归：y = sin(π·周期数·x) 加噪声。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Sine curve</source>
            <translation>正弦曲线</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Spirals</source>
            <translation>螺旋</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Squares of alternating class; 2 cells per side is XOR.</source>
            <translation>类别交替的方格；每边 2 格即为异或。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>The data does not fit the network as it was: %1</source>
            <translation>数据与原来的网络不匹配，已调整：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Turn the extra inputs off to draw points.</source>
            <translation>关闭额外的输入后才能绘制数据点。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Two interlocking half-moons.</source>
            <translation>两个相互咬合的半月形。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Watermelon 3.0α</source>
            <translation>西瓜数据集 3.0α</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>XNOR</source>
            <translation>同或 (XNOR)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>XOR</source>
            <translation>异或 (XOR)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Zhou Zhihua's 17 watermelons: density and sugar content, good or bad.</source>
            <translation>周志华《机器学习》中的 17 个西瓜：密度和含糖率，好瓜或坏瓜。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>arms</source>
            <translation>臂数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>cells</source>
            <translation>格数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>curve</source>
            <translation>曲线</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>k</source>
            <translation>簇数 k</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>k round clouds of points, one class per cloud; noise is their spread.</source>
            <translation>k 团圆形点云，每团一个类别；噪声即其分散程度。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>noise</source>
            <translation>噪声</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>periods</source>
            <translation>周期数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>samples</source>
            <translation>样本数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>seed</source>
            <translation>种子</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>test fraction</source>
            <translation>测试集比例</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>turns</source>
            <translation>圈数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>units of '%1': %2 → %3</source>
            <translation>“%1”的单元数：%2 → %3</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>width</source>
            <translation>宽度</translation>
        </message>
    </context>
    <context>
        <name>DataWizard</name>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>%1 inputs</source>
            <translation>%1 个输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>%1 outputs</source>
            <translation>%1 个输出</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>%1: %2 training and %3 test samples, %4, %5 (%6)</source>
            <translation>%1：%2 个训练样本和 %3 个测试样本，%4，%5（%6）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>1 input</source>
            <translation>1 个输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>1 output</source>
            <translation>1 个输出</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Archive:</source>
            <translation>归档文件：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>CSV file:</source>
            <translation>CSV 文件：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>CSV table</source>
            <translation>CSV 表格</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Cannot use this file:
%1</source>
            <translation>无法使用这个文件：
%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Check</source>
            <translation>检查</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Choose a file</source>
            <translation>选择文件</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>File type:</source>
            <translation>文件类型：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>IDX files (MNIST)</source>
            <translation>IDX 文件 (MNIST)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Import data</source>
            <translation>导入数据</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Normalise inputs:</source>
            <translation>输入归一化：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>NumPy archive (NPZ)</source>
            <translation>NumPy 归档 (NPZ)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Reading %1: %2 %</source>
            <translation>正在读取 %1：%2 %</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Reading…</source>
            <translation>正在读取…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Stop reading the file; nothing changes</source>
            <translation>停止读取文件；不会有任何改动</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Target column names or numbers, separated by commas</source>
            <translation>目标列的名称或序号，用逗号分隔</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Target columns:</source>
            <translation>目标列：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Test fraction:</source>
            <translation>测试集比例：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Test images (optional):</source>
            <translation>测试图像（可选）：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Test labels (optional):</source>
            <translation>测试标签（可选）：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Training images:</source>
            <translation>训练图像：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>Training labels:</source>
            <translation>训练标签：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>last column</source>
            <translation>最后一列</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>min–max</source>
            <translation>最小–最大</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>none</source>
            <translation>不归一化</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>stopped before the whole file was read</source>
            <translation>在读完整个文件之前已停止</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>unexpected error while reading (%1)</source>
            <translation>读取时发生意外错误（%1）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/data_wizard.py" />
            <source>z-score</source>
            <translation>z 分数</translation>
        </message>
    </context>
    <context>
        <name>DecisionPanel</name>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Back to the network's output after enlarging a unit</source>
            <translation>放大某个单元后，回到网络的输出</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Discretise</source>
            <translation>离散化</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Hidden units</source>
            <translation>隐藏单元</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Network output</source>
            <translation>网络输出</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Show only the predicted class, not how sure the network is</source>
            <translation>只显示预测的类别，不显示网络有多确定</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Show output</source>
            <translation>显示输出</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Show test data</source>
            <translation>显示测试数据</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>The decision boundary needs data with two inputs (x₁, x₂).</source>
            <translation>决策边界需要有两个输入 (x₁, x₂) 的数据。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Unit %1 of %2</source>
            <translation>%2 的单元 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>What each hidden unit computes over the plane: click one to enlarge it</source>
            <translation>每个隐藏单元在平面上计算的结果：点击可放大</translation>
        </message>
    </context>
    <context>
        <name>GradientsPanel</name>
        <message>
            <location filename="ann_studio/views/plots/gradients_panel.py" />
            <source>Gradient norm per layer</source>
            <translation>各层的梯度范数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/gradients_panel.py" />
            <source>Gradients of the last step</source>
            <translation>上一步的梯度</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/gradients_panel.py" />
            <source>count</source>
            <translation>计数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/gradients_panel.py" />
            <source>step</source>
            <translation>步</translation>
        </message>
    </context>
    <context>
        <name>InspectorPanel</name>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>A new run in single precision: faster on big data sets, agrees with float64 to about 6 digits</source>
            <translation>以单精度开始新的训练：大数据集上更快，与 float64 约有 6 位有效数字一致</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Accepts 0.5, 0,5 and fractions like 1/3</source>
            <translation>可输入 0.5、0,5 以及 1/3 这样的分数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Activation</source>
            <translation>激活函数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Batch size</source>
            <translation>批大小</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Bias %1 of neuron %2</source>
            <translation>神经元 %2 的偏置 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Bias b of neuron %1; in Zhou's notation its threshold %2 = −b = %3</source>
            <translation>神经元 %1 的偏置 b；在周志华的记号中其阈值 %2 = −b = %3</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Compute in float32 (half the memory)</source>
            <translation>用 float32 计算（内存减半）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Connection w[%1, %2] of '%3'</source>
            <translation>“%3”的连接 w[%1, %2]</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Id</source>
            <translation>标识</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Initializer</source>
            <translation>初始化方法</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Layer</source>
            <translation>层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Layer '%1'</source>
            <translation>层“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Learning rate η</source>
            <translation>学习率 η</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Make '%1' the output</source>
            <translation>把“%1”设为输出层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Max epochs</source>
            <translation>最多轮数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Momentum</source>
            <translation>动量</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Neuron %1 of '%2'</source>
            <translation>“%2”的神经元 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Now, at step %1 (typing a value changes the run from here). Starting value: %2</source>
            <translation>现在（第 %1 步；输入新值会从这里改变训练过程）。初始值：%2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Optimizer</source>
            <translation>优化器</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Output layer</source>
            <translation>输出层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Project</source>
            <translation>项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Rename '%1' to '%2'</source>
            <translation>把“%1”重命名为“%2”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Seed</source>
            <translation>种子</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Select a layer, a neuron or a connection on the canvas.</source>
            <translation>在画布上选择一个层、神经元或连接。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set %1 of '%2' to %3</source>
            <translation>把“%2”的%1设为 %3</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set batch size</source>
            <translation>设置批大小</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set bias b%1 of '%2' to %3</source>
            <translation>把“%2”的偏置 b%1 设为 %3</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set epoch limit</source>
            <translation>设置轮数上限</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set learning rate</source>
            <translation>设置学习率</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set loss</source>
            <translation>设置损失函数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set momentum</source>
            <translation>设置动量</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set number type</source>
            <translation>设置数值类型</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set optimizer</source>
            <translation>设置优化器</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set seed</source>
            <translation>设置种子</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set shuffling</source>
            <translation>设置打乱</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Set weight w[%1, %2] of '%3' to %4</source>
            <translation>把“%3”的权重 w[%1, %2] 设为 %4</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Shuffle each epoch</source>
            <translation>每轮打乱顺序</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Starting value: %1</source>
            <translation>初始值：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Train biases (unchecked: frozen)</source>
            <translation>训练偏置（不勾选：固定）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Train weights (unchecked: frozen)</source>
            <translation>训练权重（不勾选：固定）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Units</source>
            <translation>单元数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Weight %1 from unit %2 of '%3' to neuron %4 of '%5'</source>
            <translation>从“%3”的单元 %2 到“%5”的神经元 %4 的权重 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>activation</source>
            <translation>激活值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>bias training</source>
            <translation>偏置训练</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>initializer</source>
            <translation>初始化方法</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>no limit</source>
            <translation>不限</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>units</source>
            <translation>个单元</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>weight training</source>
            <translation>权重训练</translation>
        </message>
    </context>
    <context>
        <name>LandscapePanel</name>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Compute the slice and the paths again now</source>
            <translation>现在重新计算切面和路径</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Directions of the paths</source>
            <translation>路径的主方向</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Loss landscape</source>
            <translation>损失地形</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Loss landscape: %1 – %2 (%3)</source>
            <translation>损失地形：%1 – %2（%3）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Pick two different weights for the axes.</source>
            <translation>请为两个坐标轴选择两个不同的权重。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Random directions</source>
            <translation>随机方向</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Recompute</source>
            <translation>重新计算</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Relief</source>
            <translation>立体阴影</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Shade the slice as a lit relief: valleys and ridges look three-dimensional</source>
            <translation>把切面画成受光照的浮雕：山谷和山脊看起来是立体的</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>The landscape could not be computed: %1</source>
            <translation>无法计算损失地形：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>The plane through the current weights: two random directions scaled to each neuron's weights (Li et al. 2018), two weights you pick, or the two directions along which the runs' paths spread most (principal components)</source>
            <translation>经过当前权重的平面：按每个神经元的权重缩放的两个随机方向（Li 等，2018）、你选择的两个权重，或各次运行的路径散布最大的两个方向（主成分）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>The weight along this axis; every other weight keeps its current value</source>
            <translation>沿此坐标轴变化的权重；其他权重都保持当前值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Two weights</source>
            <translation>两个权重</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Which random directions: another seed shows another slice</source>
            <translation>使用哪组随机方向：换一个种子就显示另一个切面</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>colours</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>direction 1</source>
            <translation>方向 1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>direction 2</source>
            <translation>方向 2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>log colours</source>
            <translation>对数颜色</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>loss on %1 of %2 samples</source>
            <translation>基于 %2 个样本中的 %1 个计算损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>path direction %1 (%2 % of the spread)</source>
            <translation>路径方向 %1（占散布的 %2 %）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>seed </source>
            <translation>种子 </translation>
        </message>
    </context>
    <context>
        <name>Language</name>
        <message>
            <location filename="ann_studio/views/language_menu.py" />
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/language_menu.py" />
            <source>&amp;System Default</source>
            <translation>跟随系统(&amp;S)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/language_menu.py" />
            <source>At Next Start</source>
            <translation>下次启动时</translation>
        </message>
        <message>
            <location filename="ann_studio/views/language_menu.py" />
            <source>Show ANN Studio in this language (the window is rebuilt)</source>
            <translation>用这种语言显示 ANN Studio（窗口会重建）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/language_menu.py" />
            <source>Switch Now</source>
            <translation>立即切换</translation>
        </message>
        <message>
            <location filename="ann_studio/views/language_menu.py" />
            <source>Switch language</source>
            <translation>切换语言</translation>
        </message>
        <message>
            <location filename="ann_studio/views/language_menu.py" />
            <source>Switching the language now rebuilds the window and restarts training at step 0. Switch now, or at the next start?</source>
            <translation>现在切换语言会重建窗口，训练将从第 0 步重新开始。立即切换，还是下次启动时切换？</translation>
        </message>
    </context>
    <context>
        <name>LayerValuesModel</name>
        <message>
            <location filename="ann_studio/views/panels/math_table.py" />
            <source>%1 (row)</source>
            <translation>%1（行）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_table.py" />
            <source>Layer</source>
            <translation>层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_table.py" />
            <source>Unit</source>
            <translation>单元</translation>
        </message>
    </context>
    <context>
        <name>LessonsPanel</name>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>%1 — step %2 of %3</source>
            <translation>%1 — 第 %2 步，共 %3 步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Choose a lesson…</source>
            <translation>选择一课…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Classroom assignments (*.annclass)</source>
            <translation>课堂作业 (*.annclass)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Could not open the assignment</source>
            <translation>无法打开作业</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Lessons</source>
            <translation>课程</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Next ▶</source>
            <translation>下一步 ▶</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>On to the next step…</source>
            <translation>进入下一步…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Open Assignment…</source>
            <translation>打开作业…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Open a classroom assignment (.annclass)</source>
            <translation>打开课堂作业 (.annclass)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Open assignment</source>
            <translation>打开作业</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Pick a lesson above. Each one opens a project and walks you through it step by step.</source>
            <translation>请在上方选择一课。每一课会打开一个项目，带你一步一步地学习。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Read, then press Next.</source>
            <translation>读完后按“下一步”。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Save Assignment…</source>
            <translation>保存作业…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Saved %1 — assignment code %2 (students see the same code in this panel).</source>
            <translation>已保存 %1 — 作业校验码 %2（学生在此面板中会看到相同的校验码）。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Teachers: save this lesson as a classroom assignment that hides or locks chosen controls</source>
            <translation>教师：把本课保存为课堂作业，可隐藏或锁定选定的控件</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>Teachers: this code is a fingerprint of the lesson, its project and every hidden or locked control. It must match the code shown when you saved the assignment: a file with fewer locks has another code.</source>
            <translation>教师：此校验码是课程、其项目以及每个被隐藏或锁定的控件的指纹。它必须与保存作业时显示的校验码一致：锁定项更少的文件会有不同的校验码。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>When you have done it, the lesson moves on by itself.</source>
            <translation>完成后，课程会自动进入下一步。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>◀ Back</source>
            <translation>◀ 上一步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>✔ Done.</source>
            <translation>✔ 完成。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/lessons_panel.py" />
            <source>✔ Lesson complete.</source>
            <translation>✔ 本课完成。</translation>
        </message>
    </context>
    <context>
        <name>LossPanel</name>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source> (smoothed %1)</source>
            <translation>（平滑 %1）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source> steps</source>
            <translation> 步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Average the per-step loss over this many steps</source>
            <translation>对这么多步的每步损失取平均</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Clear earlier runs</source>
            <translation>清除先前的运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Error</source>
            <translation>误差</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Log scale</source>
            <translation>对数坐标</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>No smoothing</source>
            <translation>不平滑</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Remove the faded curves of earlier runs</source>
            <translation>移除先前运行留下的淡色曲线</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Show the loss on a logarithmic axis</source>
            <translation>用对数坐标轴显示损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Smooth: </source>
            <translation>平滑：</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>batch loss</source>
            <translation>批损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>batch loss (smoothed)</source>
            <translation>批损失（平滑）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>settings changed</source>
            <translation>设置已更改</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>step</source>
            <translation>步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>step %1: loss %2</source>
            <translation>第 %1 步：损失 %2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>test</source>
            <translation>测试</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>test loss (epoch)</source>
            <translation>测试损失（每轮）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>training</source>
            <translation>训练</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>training loss (epoch)</source>
            <translation>训练损失（每轮）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>weight typed in</source>
            <translation>手动输入了权重</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>%1 is one of ANN Studio's own files, which are never changed. Save your project somewhere else (File → Save As).</source>
            <translation>%1 是 ANN Studio 自带的文件，不会被修改。请把项目保存到别处（文件 → 另存为）。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>%1 layers (%2), %3 parameters</source>
            <translation>%1 层 (%2)，%3 个参数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>%1 was changed on disk (by another window or program) since you opened or saved it. Save over it anyway?</source>
            <translation>自从你打开或保存 %1 以来，它已在磁盘上被（另一个窗口或程序）修改。仍要覆盖保存吗？</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;About ANN Studio</source>
            <translation>关于 ANN Studio(&amp;A)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Auto-Layout</source>
            <translation>自动布局(&amp;A)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Copy</source>
            <translation>复制(&amp;C)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Delete</source>
            <translation>删除(&amp;D)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Export Canvas Image…</source>
            <translation>导出画布图像(&amp;E)…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Fit to View</source>
            <translation>适应视图(&amp;F)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Keyboard Shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Neuron View</source>
            <translation>神经元视图(&amp;N)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;New…</source>
            <translation>新建(&amp;N)…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;NumPy Script…</source>
            <translation>NumPy 脚本(&amp;N)…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Open…</source>
            <translation>打开(&amp;O)…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Paste</source>
            <translation>粘贴(&amp;P)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;PyTorch Module…</source>
            <translation>PyTorch 模块(&amp;P)…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Reset Layout</source>
            <translation>重置布局(&amp;R)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Snap to Grid</source>
            <translation>对齐网格(&amp;S)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Train</source>
            <translation>训练(&amp;T)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>ANN Studio projects (*.annproj)</source>
            <translation>ANN Studio 项目 (*.annproj)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>ANN Studio projects and classroom assignments (*.annproj *.annclass)</source>
            <translation>ANN Studio 项目与课堂作业 (*.annproj *.annclass)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Arrange the layers left to right</source>
            <translation>把各层从左到右排列</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Clear Recent Files</source>
            <translation>清除最近文件</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Copy the selected layers</source>
            <translation>复制选中的层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Could not open %1: %2</source>
            <translation>无法打开 %1：%2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Could not open the project</source>
            <translation>无法打开项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>D&amp;uplicate</source>
            <translation>创建副本(&amp;U)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Delete the selected layers and connections</source>
            <translation>删除选中的层和连接</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Duplicate the selected layers</source>
            <translation>为选中的层创建副本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>E&amp;xport</source>
            <translation>导出(&amp;X)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Epoch %1 · step %2</source>
            <translation>第 %1 轮 · 第 %2 步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Every shortcut and canvas gesture</source>
            <translation>所有快捷键和画布手势</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Export canvas</source>
            <translation>导出画布</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Export script</source>
            <translation>导出脚本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Exported %1</source>
            <translation>已导出 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>File changed on disk</source>
            <translation>文件已在磁盘上更改</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Forget the recent files</source>
            <translation>清空最近打开的文件列表</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Invalid network: %1 — training is off until this is fixed</source>
            <translation>网络无效：%1 — 修正之前无法训练</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Main</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Not saved: %1 changed on disk</source>
            <translation>未保存：%1 已在磁盘上更改</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Open &amp;Recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Open a project file</source>
            <translation>打开项目文件</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Open project</source>
            <translation>打开项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>PNG image (*.png);;SVG drawing (*.svg)</source>
            <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Paste layers</source>
            <translation>粘贴层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Put every panel back where it started</source>
            <translation>把所有面板放回初始位置</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Python scripts (*.py)</source>
            <translation>Python 脚本 (*.py)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Quit ANN Studio</source>
            <translation>退出 ANN Studio</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Save &amp;As…</source>
            <translation>另存为(&amp;A)…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Save failed</source>
            <translation>保存失败</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Save project</source>
            <translation>保存项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Save the canvas as PNG or SVG</source>
            <translation>把画布保存为 PNG 或 SVG</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Save the network with its current weights and data as a standalone Python + NumPy script</source>
            <translation>把网络连同当前权重和数据保存为独立的 Python + NumPy 脚本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Save the network with its current weights as a PyTorch module and training script</source>
            <translation>把网络连同当前权重保存为 PyTorch 模块和训练脚本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Save the project</source>
            <translation>保存项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Save the project under a new name</source>
            <translation>以新名称保存项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Select &amp;All</source>
            <translation>全选(&amp;A)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Select every layer</source>
            <translation>选中所有层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Show every neuron and connection</source>
            <translation>显示每个神经元和连接</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Show the whole network</source>
            <translation>显示整个网络</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Snap moved layers to the grid</source>
            <translation>移动的层对齐到网格</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Start a new project from an example</source>
            <translation>从示例新建项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>The project has unsaved changes, and saving is not available. Discard them?</source>
            <translation>项目有未保存的更改，且当前无法保存。要放弃这些更改吗？</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>The project has unsaved changes. Save them first?</source>
            <translation>项目有未保存的更改。要先保存吗？</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Unsaved changes</source>
            <translation>未保存的更改</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Untitled</source>
            <translation>未命名</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Version and licence</source>
            <translation>版本和许可证</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Zoom &amp;In</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Zoom &amp;Out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Zoom in</source>
            <translation>放大</translation>
        </message>
        <message>
            <location filename="ann_studio/views/main_window.py" />
            <source>Zoom out</source>
            <translation>缩小</translation>
        </message>
    </context>
    <context>
        <name>MathFormulas</name>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>%1 terms</source>
            <translation>%1 项</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>(frozen: not trained)</source>
            <translation>（已冻结：不训练）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>(frozen: not trained, as in Mazur's post)</source>
            <translation>（已冻结：不训练，与 Mazur 的文章一致）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Activation</source>
            <translation>激活值（输出）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Error</source>
            <translation>误差</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Error term δ</source>
            <translation>误差项 δ</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Gradient</source>
            <translation>梯度</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Hidden-layer gradient term e</source>
            <translation>隐层梯度项 e</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Input</source>
            <translation>输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>L2: weight_decay = λ/n = %1</source>
            <translation>L2：weight_decay = λ/n = %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Output-layer gradient term g</source>
            <translation>输出层梯度项 g</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Press &lt;b&gt;Next Phase&lt;/b&gt; (F10) to compute the first phase.</source>
            <translation>按&lt;b&gt;下一阶段&lt;/b&gt;（F10）计算第一个阶段。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Selected</source>
            <translation>所选</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Target</source>
            <translation>目标值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Threshold</source>
            <translation>阈值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Update</source>
            <translation>更新</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>Weighted input</source>
            <translation>加权输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>bias</source>
            <translation>偏置</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_format.py" />
            <source>this sample: </source>
            <translation>本样本：</translation>
        </message>
    </context>
    <context>
        <name>MathNotation</name>
        <message>
            <location filename="ann_studio/views/panels/math_notation.py" />
            <source>Mazur (w1…w8, net, out)</source>
            <translation>Mazur 记号（w1…w8, net, out）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_notation.py" />
            <source>Nielsen (W, b, z, a, δ)</source>
            <translation>Nielsen 记号（W, b, z, a, δ）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_notation.py" />
            <source>Zhou (v, w, γ, θ, g, e)</source>
            <translation>周志华记号（v, w, γ, θ, g, e）</translation>
        </message>
    </context>
    <context>
        <name>MathPanel</name>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>%1: numerical %2 · backprop %3 · relative error %4 %5</source>
            <translation>%1：数值梯度 %2 · 反向传播 %3 · 相对误差 %4 %5</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Check against Mazur</source>
            <translation>与 Mazur 核对</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Check gradient</source>
            <translation>检验梯度</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Compare ∂E/∂w from backpropagation with a central finite difference (E(w + h) − E(w − h)) / 2h for the selection</source>
            <translation>对选中的参数，把反向传播得到的 ∂E/∂w 与中心差分 (E(w + h) − E(w − h)) / 2h 比较</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Export layer values</source>
            <translation>导出各层数值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Layer values</source>
            <translation>各层数值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Math</source>
            <translation>数学</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Notation</source>
            <translation>记号</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Practice: compute the highlighted quantity</source>
            <translation>练习：计算高亮的量</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Save every layer's z, a, δ, ∂E/∂b and ∂E/∂W of this batch</source>
            <translation>保存本批中每一层的 z、a、δ、∂E/∂b 和 ∂E/∂W</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>Show each caption in English and Chinese side by side</source>
            <translation>中英文对照显示每个标题</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>The symbols: Nielsen's book, Zhou's textbook (the lesson), or Mazur's worked example (2-2-2 networks)</source>
            <translation>符号体系：Nielsen 的书、周志华的教材（课文所用）或 Mazur 的示例（2-2-2 网络）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>digits </source>
            <translation>位数 </translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>practice · step %1 · sample %2 of %3</source>
            <translation>练习 · 第 %1 步 · 第 %2 个样本（共 %3 个）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>step %1 · sample %2 of %3</source>
            <translation>第 %1 步 · 第 %2 个样本，共 %3 个</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_panel.py" />
            <source>中文</source>
            <translation>中文</translation>
        </message>
    </context>
    <context>
        <name>MazurBadge</name>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>ANN Studio</source>
            <translation>ANN Studio</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>E&lt;sub&gt;total&lt;/sub&gt; after 1 step</source>
            <translation>1 步后的 E&lt;sub&gt;total&lt;/sub&gt;</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>E&lt;sub&gt;total&lt;/sub&gt; after 10,000 steps</source>
            <translation>10,000 步后的 E&lt;sub&gt;total&lt;/sub&gt;</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>Known drift in the post: it rounds intermediate values before the second forward pass. The exact float64 value is 0.29102777369 (difference 1.5 × 10⁻⁷).</source>
            <translation>原文的已知偏差：它在第二次前向传播之前对中间结果做了四舍五入。精确的 float64 值为 0.29102777369（相差 1.5 × 10⁻⁷）。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>Known drift in the post: its figure is the error after 9,999 steps, which here is %1 (matches); after 10,000 steps it is 3.5101878 × 10⁻⁵.</source>
            <translation>原文的已知偏差：它给出的是第 9,999 步后的误差，这里为 %1（一致）；第 10,000 步后为 3.5101878 × 10⁻⁵。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>Mazur's worked example: the check against the post appears after the first step.</source>
            <translation>Mazur 的示例：第一步之后显示与原文的核对结果。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>Play on to step 10,001 to compare. (The post's figure is the error after 9,999 steps; after 10,000 steps the exact value is 3.5101878 × 10⁻⁵.)</source>
            <translation>继续运行到第 10,001 步再比较。（原文给出的是第 9,999 步后的误差；第 10,000 步后的精确值为 3.5101878 × 10⁻⁵。）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>Published</source>
            <translation>原文数值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>Quantity</source>
            <translation>量</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>✔ Matches Mazur's post: %1 of %2 values agree to every printed digit; %3 known drifts of the post explained</source>
            <translation>✔ 与 Mazur 原文一致：%2 个数值中有 %1 个每一位都相同；已解释原文的 %3 处已知偏差</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/math_badge.py" />
            <source>✘ %1 of %2 values differ from Mazur's post</source>
            <translation>✘ %2 个数值中有 %1 个与 Mazur 原文不同</translation>
        </message>
    </context>
    <context>
        <name>NewProjectGallery</name>
        <message>
            <location filename="ann_studio/views/dialogs/gallery.py" />
            <source>Create</source>
            <translation>创建</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/gallery.py" />
            <source>New Project</source>
            <translation>新建项目</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/gallery.py" />
            <source>Start from scratch or from an example:</source>
            <translation>从零开始，或从一个示例开始：</translation>
        </message>
    </context>
    <context>
        <name>Palette</name>
        <message>
            <location filename="ann_studio/views/canvas/palette.py" />
            <source>Layers</source>
            <translation>层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/palette.py" />
            <source>Outputs</source>
            <translation>输出层</translation>
        </message>
    </context>
    <context>
        <name>PaletteButton</name>
        <message>
            <location filename="ann_studio/views/canvas/palette.py" />
            <source>Drag onto the canvas, or click to add at the centre</source>
            <translation>拖到画布上，或点击添加到中央</translation>
        </message>
    </context>
    <context>
        <name>PhaseNames</name>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>Backward: δ of %1</source>
            <translation>反向：%1的 δ</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>Error</source>
            <translation>误差</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>Forward: %1</source>
            <translation>前向：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>Forward: input layer</source>
            <translation>前向：输入层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>Gradients: %1</source>
            <translation>梯度：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>Ready: start of a step</source>
            <translation>就绪：一步的开始</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>Update</source>
            <translation>更新</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>hidden layer %1 (%2)</source>
            <translation>第 %1 隐层 (%2)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>the </source>
            <translation>该</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>the hidden layer</source>
            <translation>隐层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/phase_names.py" />
            <source>the output layer</source>
            <translation>输出层</translation>
        </message>
    </context>
    <context>
        <name>PracticeFormula</name>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>Add ½(target − output)² over every output neuron.</source>
            <translation>对每个输出神经元求 ½(目标 − 输出)² 并相加。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>An output neuron's δ is ∂E/∂output times the derivative of its activation.</source>
            <translation>输出神经元的 δ 等于 ∂E/∂输出 乘以其激活函数的导数。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>Apply the activation function to the net input.</source>
            <translation>把激活函数作用于净输入。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>Sum δ × weight over every neuron this one feeds (the weights before the update), then multiply by f′.</source>
            <translation>对该神经元连接到的每个神经元求 δ × 权重之和（用更新前的权重），再乘以 f′。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>The net input adds each weight times the activation it comes from, plus the bias.</source>
            <translation>净输入是每个权重乘以其来源神经元的激活值之和，再加上偏置。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>The new value is the old value minus the learning rate times the gradient.</source>
            <translation>新值等于旧值减去学习率乘以梯度。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>g_j = ŷ_j(1 − ŷ_j)(y_j − ŷ_j): target minus output, times the sigmoid's derivative. It is −δ.</source>
            <translation>g_j = ŷ_j(1 − ŷ_j)(y_j − ŷ_j)：目标减输出，再乘以 sigmoid 的导数。它等于 −δ。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>α (or β) is the weighted sum of the inputs, before the threshold is subtracted.</source>
            <translation>α（或 β）是输入的加权和，尚未减去阈值。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>∂E/∂b is the neuron's δ (averaged over the batch).</source>
            <translation>∂E/∂b 就是该神经元的 δ（对批次取平均）。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_formula.py" />
            <source>∂E/∂w is δ of the neuron the weight leads to times the activation the weight comes from (averaged over the batch).</source>
            <translation>∂E/∂w 等于权重指向的神经元的 δ 乘以权重来源神经元的激活值（对批次取平均）。</translation>
        </message>
    </context>
    <context>
        <name>PracticePanel</name>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>%1 correct %2</source>
            <translation>答对 %1 个%2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>%1 correct %2 in a row</source>
            <translation>连续答对 %1 个%2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Assignment: %1 right of %2 asked</source>
            <translation>作业：已答 %2 题，首次答对 %1 题</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Check</source>
            <translation>检查</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Compute %1 (highlighted on the canvas; its formula is in the Math view).</source>
            <translation>计算 %1（已在画布上高亮；公式见“数学”视图）。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Correct</source>
            <translation>正确</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Export Log…</source>
            <translation>导出记录…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Export practice log</source>
            <translation>导出练习记录</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Hint</source>
            <translation>提示</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>It looks like you left out the derivative f′(z) of the activation.</source>
            <translation>看起来你漏掉了激活函数的导数 f′(z)。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Next Question</source>
            <translation>下一题</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Not quite</source>
            <translation>不对</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Nothing to compute here.</source>
            <translation>这里没有需要计算的量。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Only one term is there: sum over every output neuron.</source>
            <translation>只算了一项：要对每个输出神经元求和。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>P&amp;ractice</source>
            <translation>练习(&amp;R)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Practice</source>
            <translation>练习</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Practice mode: compute each number of the next phase yourself; the app grades it and names the slip</source>
            <translation>练习模式：自己计算下一阶段的每个数，程序会评分并指出错误所在</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Press Enter or Next Question to go on.</source>
            <translation>按回车或“下一题”继续。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Right within ±%1: 4 significant digits, or 1e-4 relative.</source>
            <translation>误差在 ±%1 以内即算正确：4 位有效数字，或相对误差 1e-4。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Save every answer of this run (time, quantity, answer, verdict, slip) as CSV</source>
            <translation>把本次运行的每个答案（时间、量、答案、判定、错误类型）保存为 CSV</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Score this session: %1/%2 right at the first try</source>
            <translation>本次得分：首次答对 %1/%2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Second hint: the numbers</source>
            <translation>第二个提示：代入的数值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Show Answer</source>
            <translation>显示答案</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>That is not a number or a simple expression (+ − × ÷ ^ and parentheses).</source>
            <translation>这不是数字或简单表达式（可用 + − × ÷ ^ 和括号）。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>The answer divides by zero.</source>
            <translation>答案中除以了零。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>The answer is too large.</source>
            <translation>答案太大。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>The answer is too long.</source>
            <translation>答案太长。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>The learning rate η is missing from the update.</source>
            <translation>更新中漏掉了学习率 η。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>The sign is reversed: compare ŷ − y with y − ŷ, and w − η·g with w + η·g.</source>
            <translation>符号反了：比较 ŷ − y 与 y − ŷ，以及 w − η·g 与 w + η·g。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>The sign is reversed: in Zhou's notation g = −δ, so g_j has the opposite sign to Nielsen's δ.</source>
            <translation>符号反了：在周志华的记号中 g = −δ，所以 g_j 与 Nielsen 的 δ 符号相反。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>This matches none of the usual slips. Here is the worked answer.</source>
            <translation>这与常见错误都不吻合。下面是完整解答。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Turn on Train → Practice (F9): before each phase you compute its numbers, and the app grades them.</source>
            <translation>打开“训练 → 练习”(F9)：每个阶段运行之前由你来计算它的数值，程序来评分。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Type a number, e.g. 0.5, 0,5, 1/3 or 0.7414*0.1868.</source>
            <translation>请输入一个数，例如 0.5、0,5、1/3 或 0.7414*0.1868。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Use either , or . as the decimal mark, not both.</source>
            <translation>小数点请用 , 或 . 其中一种，不要同时使用。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>Worked answer</source>
            <translation>完整解答</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>You forgot the 1/m of the mini-batch mean.</source>
            <translation>你忘了小批量平均中的 1/m。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>You gave the activation a; the question asks for the net input.</source>
            <translation>你给出的是激活值 a；题目要的是净输入。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>You used output weights that were already updated: a hidden δ uses the weights from before the update.</source>
            <translation>你用了已经更新过的输出层权重：隐层的 δ 要用更新前的权重。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>You used the activation of the wrong layer: ∂E/∂w takes the activation the weight comes from, and f′ in δ this layer's own activation.</source>
            <translation>你用错了层的激活值：∂E/∂w 要用权重来源神经元的激活值，δ 中的 f′ 要用本层自己的激活值。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>You used the net input z where the activation a belongs.</source>
            <translation>你在该用激活值 a 的地方用了净输入 z。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>activation</source>
            <translation>激活值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>activation a</source>
            <translation>激活值 a</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>complete</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>every quantity of one full step</source>
            <translation>完整一步中的每个量</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>gradients</source>
            <translation>梯度</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>loss E</source>
            <translation>损失 E</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>net input</source>
            <translation>净输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>net input z</source>
            <translation>净输入 z</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>new bias</source>
            <translation>新偏置</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>new weight</source>
            <translation>新权重</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>not complete yet</source>
            <translation>尚未完成</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>updates</source>
            <translation>更新</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>you gave %1.</source>
            <translation>你的答案是 %1。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>your answer, e.g. 0.5932 or 0.7414*0.1868</source>
            <translation>你的答案，例如 0.5932 或 0.7414*0.1868</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>δ</source>
            <translation>δ</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>∂E/∂b</source>
            <translation>∂E/∂b</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/practice_panel.py" />
            <source>∂E/∂w</source>
            <translation>∂E/∂w</translation>
        </message>
    </context>
    <context>
        <name>PredictionPanel</name>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>Input image</source>
            <translation>输入图像</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>Inputs</source>
            <translation>输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>No. </source>
            <translation>第 </translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>Output</source>
            <translation>输出</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>Test sample</source>
            <translation>测试样本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>Training sample</source>
            <translation>训练样本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>activation</source>
            <translation>激活值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>input</source>
            <translation>输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>network</source>
            <translation>网络</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>output unit</source>
            <translation>输出单元</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>predicted %1, target %2</source>
            <translation>预测 %1，目标 %2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>target</source>
            <translation>目标</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>value</source>
            <translation>值</translation>
        </message>
    </context>
    <context>
        <name>ProblemWords</name>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>%1 does not lead to the output layer</source>
            <translation>%1没有通向输出层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>%1 has no inputs: connect a layer to it</source>
            <translation>%1没有输入：请把一个层连接到它</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>%1 is connected to the same layer twice</source>
            <translation>%1与同一个层连接了两次</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>%1 takes input from a layer that does not exist ('%2')</source>
            <translation>%1的输入来自一个不存在的层（“%2”）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>no input layer is connected to the output layer</source>
            <translation>没有输入层连接到输出层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>no layer is marked as the output</source>
            <translation>没有层被设为输出层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the biases of %1 do not fit its size</source>
            <translation>%1的偏置与它的大小不符</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the hidden layer '%1'</source>
            <translation>隐藏层“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the input layer '%1'</source>
            <translation>输入层“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the layers form a loop: %1</source>
            <translation>这些层连成了环：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the network has no input layer</source>
            <translation>网络没有输入层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the network is too big: %1 parameters (at most %2)</source>
            <translation>网络太大：%1 个参数（最多 %2 个）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the output layer</source>
            <translation>输出层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the output must be a dense layer, not the input layer '%1'</source>
            <translation>输出层必须是全连接层，不能是输入层“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>the weights of %1 do not fit its size</source>
            <translation>%1的权重与它的大小不符</translation>
        </message>
        <message>
            <location filename="ann_studio/views/problem_words.py" />
            <source>two layers are called '%1'</source>
            <translation>有两个层都叫“%1”</translation>
        </message>
    </context>
    <context>
        <name>RaceDriver</name>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>Adam</source>
            <translation>Adam</translation>
        </message>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>Momentum</source>
            <translation>动量</translation>
        </message>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>Nesterov</source>
            <translation>Nesterov</translation>
        </message>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>RMSprop</source>
            <translation>RMSprop</translation>
        </message>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>Race learning rates</source>
            <translation>比赛学习率</translation>
        </message>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>Race optimizers</source>
            <translation>比赛优化器</translation>
        </message>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>SGD</source>
            <translation>SGD</translation>
        </message>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>The race could not start: %1</source>
            <translation>比赛无法开始：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/document/race_driver.py" />
            <source>The race stopped: %1</source>
            <translation>比赛已停止：%1</translation>
        </message>
    </context>
    <context>
        <name>RunActions</name>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>&amp;Fork Run</source>
            <translation>分叉运行(&amp;F)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>Branch SGD, momentum, Nesterov, RMSprop and Adam from the current state and train them side by side on the same data order</source>
            <translation>从当前状态分出 SGD、动量、Nesterov、RMSprop 和 Adam 五个分支，按相同的数据顺序并排训练</translation>
        </message>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>Branch η × 0.1, 0.3, 1, 3 and 10 from the current state and train them side by side on the same data order</source>
            <translation>从当前状态分出 η × 0.1、0.3、1、3 和 10 五个分支，按相同的数据顺序并排训练</translation>
        </message>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>Fork</source>
            <translation>分叉</translation>
        </message>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>Race &amp;Learning Rates</source>
            <translation>比赛学习率(&amp;L)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>Race &amp;Optimizers</source>
            <translation>比赛优化器(&amp;O)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>Race optimizers</source>
            <translation>比赛优化器</translation>
        </message>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>Race η</source>
            <translation>比赛 η</translation>
        </message>
        <message>
            <location filename="ann_studio/views/run_actions.py" />
            <source>Start a branch from this exact state (weights, optimizer state, data order); both runs are kept</source>
            <translation>从此刻的状态（权重、优化器状态、数据顺序）开始一个分支；两个运行都会保留</translation>
        </message>
    </context>
    <context>
        <name>RunsPanel</name>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>%1 weights typed in</source>
            <translation>输入了 %1 个权重</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Changed</source>
            <translation>改动</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Choose the selected run's colour</source>
            <translation>选择所选运行的颜色</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Click to make this run current</source>
            <translation>单击使其成为当前运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Colour…</source>
            <translation>颜色…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Current run</source>
            <translation>当前运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Delete the selected run (undoable)</source>
            <translation>删除所选运行（可撤销）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Forked at</source>
            <translation>分叉于</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Nesterov</source>
            <translation>Nesterov</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Racing %1 runs in lockstep.</source>
            <translation>正在同步比赛 %1 个运行。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Run</source>
            <translation>运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Run colour</source>
            <translation>运行颜色</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Runs</source>
            <translation>运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Step</source>
            <translation>步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Stop Race</source>
            <translation>停止比赛</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>Stop the racing runs where they are</source>
            <translation>让比赛中的运行停在当前位置</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>batch size</source>
            <translation>批大小</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>diverged</source>
            <translation>已发散</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>momentum</source>
            <translation>动量</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>off</source>
            <translation>关</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>on</source>
            <translation>开</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/runs_panel.py" />
            <source>optimizer</source>
            <translation>优化器</translation>
        </message>
    </context>
    <context>
        <name>SettingNames</name>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Adam</source>
            <translation>Adam</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Binary cross-entropy</source>
            <translation>二元交叉熵</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Cross-entropy</source>
            <translation>交叉熵</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>ELU</source>
            <translation>ELU</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Half sum of squares  ½Σ(ŷ − y)²</source>
            <translation>误差平方和的一半  ½Σ(ŷ − y)²</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>He normal (for ReLU)</source>
            <translation>He 正态（用于 ReLU）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Leaky ReLU</source>
            <translation>Leaky ReLU（带泄漏的 ReLU）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Linear (identity)  f(z) = z</source>
            <translation>线性（恒等）  f(z) = z</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Mean squared error</source>
            <translation>均方误差</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Normal N(0, 1) (Nielsen ch. 1)</source>
            <translation>正态 N(0, 1)（Nielsen 第 1 章）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Normal N(0, 1/fan-in) (Nielsen ch. 3)</source>
            <translation>正态 N(0, 1/扇入)（Nielsen 第 3 章）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>RMSprop</source>
            <translation>RMSprop</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>ReLU  max(0, z)</source>
            <translation>ReLU  max(0, z)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>SGD</source>
            <translation>SGD（随机梯度下降）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Sigmoid  σ(z) = 1/(1 + e⁻ᶻ)</source>
            <translation>Sigmoid  σ(z) = 1/(1 + e⁻ᶻ)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Softmax (classes)</source>
            <translation>Softmax（多分类）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Softplus  ln(1 + eᶻ)</source>
            <translation>Softplus  ln(1 + eᶻ)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Uniform in a range</source>
            <translation>区间内均匀分布</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Xavier/Glorot normal</source>
            <translation>Xavier/Glorot 正态</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Xavier/Glorot uniform</source>
            <translation>Xavier/Glorot 均匀</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>Zeros</source>
            <translation>全零</translation>
        </message>
        <message>
            <location filename="ann_studio/views/setting_names.py" />
            <source>tanh</source>
            <translation>tanh</translation>
        </message>
    </context>
    <context>
        <name>ShortcutSheet</name>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Does</source>
            <translation>作用</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Keyboard Shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Keys</source>
            <translation>按键</translation>
        </message>
    </context>
    <context>
        <name>TrainingActions</name>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>&amp;Pause</source>
            <translation>暂停(&amp;P)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>&amp;Play</source>
            <translation>运行(&amp;P)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>&amp;Reset Training</source>
            <translation>重置训练(&amp;R)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>&amp;Use Current Weights as Start</source>
            <translation>将当前权重用作初始值(&amp;U)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Back</source>
            <translation>后退</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Batch</source>
            <translation>批</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Epoch</source>
            <translation>轮</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Finish the current step: one update on one mini-batch</source>
            <translation>完成当前这一步：在一个小批量上做一次更新</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Go back one phase (the earlier numbers come back exactly)</source>
            <translation>后退一个阶段（先前的数值会精确恢复）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Go back to step 0; the recorded history stays available on the timeline</source>
            <translation>回到第 0 步；记录的历史仍可在时间轴上查看</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Go back to the starting weights and start again at step 0</source>
            <translation>回到初始权重，从第 0 步重新开始</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Make the trained weights the starting weights and start a new run from them (undoable)</source>
            <translation>把训练后的权重设为初始权重，并从它们开始新的训练（可撤销）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>New seed</source>
            <translation>新种子</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Next &amp;Batch (Step)</source>
            <translation>下一批（一步）(&amp;B)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Next &amp;Epoch</source>
            <translation>下一轮(&amp;E)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Next &amp;Phase</source>
            <translation>下一阶段(&amp;P)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Next &amp;Sample</source>
            <translation>下一样本(&amp;S)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Phase</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Phase &amp;Back</source>
            <translation>后退阶段(&amp;B)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Play</source>
            <translation>运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Re-initialise the weights with a new random seed</source>
            <translation>用新的随机种子重新初始化权重</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Reset</source>
            <translation>重置</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Reset with &amp;New Seed</source>
            <translation>用新种子重置(&amp;N)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Rewind</source>
            <translation>回到开头</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Rewind to &amp;Start</source>
            <translation>回到开头(&amp;S)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Run the next phase: forward through one layer, the error, δ of one layer, its gradients, the update</source>
            <translation>运行下一个阶段：前向通过一层、计算误差、一层的 δ、它的梯度、更新</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Sample</source>
            <translation>样本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Show the next sample of the mini-batch; after the last one (and in online training) run a step</source>
            <translation>显示小批量中的下一个样本；最后一个之后（以及在线训练时）执行一步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Train continuously at the chosen speed; press again to pause</source>
            <translation>以选定的速度连续训练；再按一次暂停</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Train to the end of the current epoch</source>
            <translation>训练到当前这一轮结束</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Training</source>
            <translation>训练</translation>
        </message>
        <message>
            <location filename="ann_studio/views/training_actions.py" />
            <source>Use as start</source>
            <translation>用作初始值</translation>
        </message>
    </context>
    <context>
        <name>TrainingPanel</name>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>%1 of %2 in the batch</source>
            <translation>本批第 %1 个，共 %2 个</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>(%1 steps per epoch)</source>
            <translation>（每轮 %1 步）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>(1 step per epoch)</source>
            <translation>（每轮 1 步）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>(data row %1)</source>
            <translation>（数据第 %1 行）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>1 = online (Zhou's standard BP); all samples = full batch (accumulated BP). Applies at the next step.</source>
            <translation>1 = 在线学习（周志华的标准 BP）；全部样本 = 全批量（累积 BP）。从下一步起生效。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Accuracy reaches</source>
            <translation>准确率达到</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Applies at the next step: %1</source>
            <translation>从下一步起生效：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Batch size</source>
            <translation>批大小</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Drag to go back to any recorded step; the numbers come back exactly. Orange marks: weights typed in; grey marks: settings changed</source>
            <translation>拖动可回到任意已记录的步骤，数值会精确恢复。橙色标记：手动输入的权重；灰色标记：设置的更改</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Epoch</source>
            <translation>轮次</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Epochs reach</source>
            <translation>轮数达到</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Full speed</source>
            <translation>全速</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Hyperparameters</source>
            <translation>超参数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Last loss</source>
            <translation>最近的损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Learning rate η</source>
            <translation>学习率 η</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Loss falls to</source>
            <translation>损失降到</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Next phase</source>
            <translation>下一阶段</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Optimizer</source>
            <translation>优化器</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Phase by phase (fast)</source>
            <translation>逐阶段（快）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Phase done</source>
            <translation>已完成的阶段</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Sample</source>
            <translation>样本</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Slow motion (a phase every 0.6 s)</source>
            <translation>慢动作（每 0.6 秒一个阶段）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Step</source>
            <translation>步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Step by step</source>
            <translation>逐步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Stop when</source>
            <translation>停止条件</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Stopped: %1</source>
            <translation>已停止：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Timeline</source>
            <translation>时间轴</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Training</source>
            <translation>训练</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>Where training stands</source>
            <translation>训练进度</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>batch size</source>
            <translation>批大小</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>edited at step %1: %2 of '%3'</source>
            <translation>第 %1 步修改：“%3”的 %2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>no limit</source>
            <translation>不限</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>off</source>
            <translation>关</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>optimizer</source>
            <translation>优化器</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>step %1 / %2</source>
            <translation>第 %1 / %2 步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/training_panel.py" />
            <source>η: applies from the next update, without resetting</source>
            <translation>η：从下一次更新起生效，不会重置训练</translation>
        </message>
    </context>
    <context>
        <name>TrainingSession</name>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>A run needs a name.</source>
            <translation>运行需要一个名字。</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>A run's name is one line of at most %1 characters.</source>
            <translation>运行的名字是一行，最多 %1 个字符。</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_parts.py" />
            <source>Change training settings</source>
            <translation>更改训练设置</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>Colour of run “%1”</source>
            <translation>运行“%1”的颜色</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>Delete run “%1”</source>
            <translation>删除运行“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>Fork %1</source>
            <translation>分支 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>Fork run “%1”</source>
            <translation>分叉运行“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session.py" />
            <source>New seed</source>
            <translation>新种子</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>Rename run “%1”</source>
            <translation>重命名运行“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_parts.py" />
            <source>Set learning rate</source>
            <translation>设置学习率</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_parts.py" />
            <source>Set stop criteria</source>
            <translation>设置停止条件</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>Switch to run “%1”</source>
            <translation>切换到运行“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session.py" />
            <source>The training process stopped unexpectedly (%1); the run is kept at step %2 and training continues in the window.</source>
            <translation>训练进程意外停止（%1）；训练保留在第 %2 步，并在窗口中继续训练。</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session_runs.py" />
            <source>There is already a run named “%1”.</source>
            <translation>已经有一个名为“%1”的运行。</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session.py" />
            <source>Training stopped: %1</source>
            <translation>训练已停止：%1</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session.py" />
            <source>Use current weights as starting weights</source>
            <translation>将当前权重用作初始权重</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session.py" />
            <source>reached %1 epochs</source>
            <translation>已达到 %1 轮</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session.py" />
            <source>the accuracy %1 reached the target %2</source>
            <translation>准确率 %1 已达到目标 %2</translation>
        </message>
        <message>
            <location filename="ann_studio/document/session.py" />
            <source>the loss %1 reached the target %2</source>
            <translation>损失 %1 已达到目标 %2</translation>
        </message>
    </context>
    <context>
        <name>WeightsPanel</name>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>25–75 %</source>
            <translation>25–75 %</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>5–95 %</source>
            <translation>5–95 %</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>Click a cell to select that weight</source>
            <translation>点击一个格子选中该权重</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>Distribution of all weights over time</source>
            <translation>全部权重的分布随时间的变化</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>Draw each weight as a square whose area is its size (red positive, blue negative), as SNNS does, instead of a colour</source>
            <translation>像 SNNS 那样，把每个权重画成面积与其大小成正比的方块（红色为正，蓝色为负），而不是用颜色表示</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>Hinton diagram</source>
            <translation>Hinton 图</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>W of %1</source>
            <translation>%1 的 W</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>input j</source>
            <translation>输入 j</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>median</source>
            <translation>中位数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>min / max</source>
            <translation>最小 / 最大</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>step</source>
            <translation>步</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>unit i</source>
            <translation>单元 i</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>weight</source>
            <translation>权重</translation>
        </message>
    </context>
    <context>
        <name>about</name>
        <message>
            <location filename="ann_studio/views/dialogs/about.py" />
            <source>A desktop neural-network simulator for students: draw a network, step through backpropagation, watch it learn.</source>
            <translation>面向学生的桌面神经网络模拟器：画出网络，逐步执行反向传播，观察它如何学习。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/about.py" />
            <source>About ANN Studio</source>
            <translation>关于 ANN Studio</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/about.py" />
            <source>Licence: MIT.</source>
            <translation>许可证：MIT。</translation>
        </message>
    </context>
    <context>
        <name>canvas</name>
        <message>
            <location filename="ann_studio/views/canvas/edges.py" />
            <source>%1 → %2 (select and press Delete to disconnect)</source>
            <translation>%1 → %2（选中后按 Delete 断开连接）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/interactions.py" />
            <source>'%1' already feeds '%2'</source>
            <translation>“%1”已经连接到“%2”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>A softmax over one unit always outputs 1.00, so it cannot learn. For two classes use one sigmoid unit (right-click → Use Sigmoid), or give softmax one unit per class.</source>
            <translation>只有一个单元的 softmax 输出总是 1.00，因此无法学习。两类问题请用一个 sigmoid 单元（右键 → 改用 Sigmoid），或让 softmax 每个类别一个单元。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/export.py" />
            <source>ANN Studio network</source>
            <translation>ANN Studio 神经网络</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Add layer '%1'</source>
            <translation>添加层“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Auto-layout</source>
            <translation>自动布局</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/interactions.py" />
            <source>Connect '%1' → '%2'</source>
            <translation>连接“%1”→“%2”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Delete %1 items</source>
            <translation>删除 %1 项</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Delete layer '%1'</source>
            <translation>删除层“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Dense · ReLU</source>
            <translation>全连接层 · ReLU</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Dense · linear</source>
            <translation>全连接层 · 线性</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Dense · sigmoid</source>
            <translation>全连接层 · sigmoid</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Dense · tanh</source>
            <translation>全连接层 · tanh</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Disconnect '%1' → '%2'</source>
            <translation>断开“%1”→“%2”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>Drag to another layer's input to connect</source>
            <translation>拖到另一层的输入端以建立连接</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>Drop a connection here</source>
            <translation>把连接拖放到这里</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Duplicate %1 layers</source>
            <translation>复制 %1 个层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Input</source>
            <translation>输入层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Make '%1' the output</source>
            <translation>把“%1”设为输出层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/interactions.py" />
            <source>Move %1 layers</source>
            <translation>移动 %1 个层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/interactions.py" />
            <source>Move layer '%1'</source>
            <translation>移动层“%1”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>Neuron %1 of '%2'</source>
            <translation>“%2”的神经元 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Output · linear</source>
            <translation>输出层 · 线性</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Output · sigmoid</source>
            <translation>输出层 · sigmoid</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Output · softmax</source>
            <translation>输出层 · softmax</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Paste %1 layers</source>
            <translation>粘贴 %1 个层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Rename '%1' to '%2'</source>
            <translation>把“%1”重命名为“%2”</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/editing.py" />
            <source>Use sigmoid for '%1'</source>
            <translation>“%1”改用 sigmoid</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/interactions.py" />
            <source>a layer cannot feed itself</source>
            <translation>层不能连接到自身</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/interactions.py" />
            <source>an input layer takes no inputs</source>
            <translation>输入层不接受输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/export.py" />
            <source>cannot write %1</source>
            <translation>无法写入 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>dense</source>
            <translation>全连接</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>input</source>
            <translation>输入</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>output</source>
            <translation>输出</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/interactions.py" />
            <source>this would make a cycle</source>
            <translation>这会形成环路</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>unit</source>
            <translation>个单元</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>units</source>
            <translation>个单元</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/export.py" />
            <source>unknown image type '%1': use .png or .svg</source>
            <translation>未知的图像类型“%1”：请使用 .png 或 .svg</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/neuron_view.py" />
            <source>w[%1, %2]: from neuron %3 of '%4' to neuron %5 of '%6'</source>
            <translation>w[%1, %2]：从“%4”的神经元 %3 到“%6”的神经元 %5</translation>
        </message>
        <message>
            <location filename="ann_studio/views/canvas/node.py" />
            <source>⚠ cannot learn</source>
            <translation>⚠ 无法学习</translation>
        </message>
    </context>
    <context>
        <name>data_commands</name>
        <message>
            <location filename="ann_studio/document/data_commands.py" />
            <source>Add a point</source>
            <translation>添加一个点</translation>
        </message>
        <message>
            <location filename="ann_studio/document/data_commands.py" />
            <source>Add input %1</source>
            <translation>添加输入 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/document/data_commands.py" />
            <source>Remove a point</source>
            <translation>删除一个点</translation>
        </message>
        <message>
            <location filename="ann_studio/document/data_commands.py" />
            <source>Remove input %1</source>
            <translation>删除输入 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/document/data_commands.py" />
            <source>Set %1 to %2</source>
            <translation>把 %1 设为 %2</translation>
        </message>
        <message>
            <location filename="ann_studio/document/data_commands.py" />
            <source>Use data set %1</source>
            <translation>使用数据集 %1</translation>
        </message>
    </context>
    <context>
        <name>inspector</name>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>'%1' is already used</source>
            <translation>“%1”已被使用</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>Inspector</source>
            <translation>检查器</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>must be above 0</source>
            <translation>必须大于 0</translation>
        </message>
        <message>
            <location filename="ann_studio/views/panels/inspector.py" />
            <source>use letters, digits, '_' or '-', starting with a letter</source>
            <translation>请使用字母、数字、“_”或“-”，并以字母开头</translation>
        </message>
    </context>
    <context>
        <name>numbers</name>
        <message>
            <location filename="ann_studio/views/numbers.py" />
            <source>cannot divide by zero</source>
            <translation>不能除以零</translation>
        </message>
        <message>
            <location filename="ann_studio/views/numbers.py" />
            <source>enter a number</source>
            <translation>请输入一个数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/numbers.py" />
            <source>enter a whole number</source>
            <translation>请输入一个整数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/numbers.py" />
            <source>must be at least %1</source>
            <translation>不能小于 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/numbers.py" />
            <source>must be at most %1</source>
            <translation>不能大于 %1</translation>
        </message>
        <message>
            <location filename="ann_studio/views/numbers.py" />
            <source>the number is too large</source>
            <translation>数值太大</translation>
        </message>
        <message>
            <location filename="ann_studio/views/numbers.py" />
            <source>“%1” is not a number</source>
            <translation>“%1”不是一个数</translation>
        </message>
    </context>
    <context>
        <name>panels</name>
        <message>
            <location filename="ann_studio/views/panels/data_panel.py" />
            <source>Data</source>
            <translation>数据</translation>
        </message>
    </context>
    <context>
        <name>plots</name>
        <message>
            <location filename="ann_studio/views/plots/activation_function_plot.py" />
            <source>Activation function</source>
            <translation>激活函数</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/activations_panel.py" />
            <source>Activations</source>
            <translation>激活值</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/compare_panel.py" />
            <source>Compare runs</source>
            <translation>比较运行</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/confusion_panel.py" />
            <source>Confusion matrix</source>
            <translation>混淆矩阵</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/decision_plot.py" />
            <source>Decision boundary</source>
            <translation>决策边界</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/loss_plot.py" />
            <source>Error</source>
            <translation>误差</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/gradients_panel.py" />
            <source>Gradients</source>
            <translation>梯度</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/landscape_plot.py" />
            <source>Loss landscape</source>
            <translation>损失地形</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/prediction_panel.py" />
            <source>Prediction</source>
            <translation>预测</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/weights_panel.py" />
            <source>Weights</source>
            <translation>权重</translation>
        </message>
    </context>
    <context>
        <name>plots.export</name>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>CSV file (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>Export history</source>
            <translation>导出历史</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>Export plot</source>
            <translation>导出图表</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>PNG image (*.png)</source>
            <translation>PNG 图像 (*.png)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>SVG image (*.svg)</source>
            <translation>SVG 图像 (*.svg)</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>Save as PNG…</source>
            <translation>另存为 PNG…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>Save as SVG…</source>
            <translation>另存为 SVG…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>Save history as CSV…</source>
            <translation>把历史另存为 CSV…</translation>
        </message>
        <message>
            <location filename="ann_studio/views/plots/export.py" />
            <source>Save this plot as an image, or the history as CSV</source>
            <translation>把这张图保存为图像，或把历史保存为 CSV</translation>
        </message>
    </context>
    <context>
        <name>recovery</name>
        <message>
            <location filename="ann_studio/views/dialogs/recovery.py" />
            <source>%1, kept at %2</source>
            <translation>%1，保存于 %2</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/recovery.py" />
            <source>(trained to step %1)</source>
            <translation>（已训练到第 %1 步）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/recovery.py" />
            <source>ANN Studio did not close normally. It kept the unsaved work below. Checked items are restored, each in its own window; unchecked items are discarded.</source>
            <translation>ANN Studio 上次没有正常关闭，保留了下面这些未保存的工作。勾选的项目会各自在一个窗口中恢复；未勾选的将被丢弃。</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/recovery.py" />
            <source>Could not restore %1 (%2); its recovery file is kept: %3</source>
            <translation>无法恢复 %1（%2）；其恢复文件已保留：%3</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/recovery.py" />
            <source>Decide Later</source>
            <translation>稍后决定</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/recovery.py" />
            <source>Restore Checked</source>
            <translation>恢复所选</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/recovery.py" />
            <source>Restore unsaved work?</source>
            <translation>恢复未保存的工作？</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/recovery.py" />
            <source>an unsaved project</source>
            <translation>一个未保存的项目</translation>
        </message>
    </context>
    <context>
        <name>shortcuts</name>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Add a dense layer</source>
            <translation>添加全连接层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Arrow keys (Shift: fine)</source>
            <translation>方向键（按住 Shift：微调）</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Connect two layers</source>
            <translation>连接两个层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Context menu</source>
            <translation>右键菜单</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Double-click on empty canvas</source>
            <translation>在画布空白处双击</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Drag from an output port to an input port</source>
            <translation>从输出端口拖到输入端口</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Drag on empty canvas</source>
            <translation>在画布空白处拖动</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Middle drag, Space + drag</source>
            <translation>中键拖动，或按住空格拖动</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Mouse wheel, + / −</source>
            <translation>鼠标滚轮，+ / −</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Move the selected layers</source>
            <translation>移动选中的层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Pan</source>
            <translation>平移</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Right-click</source>
            <translation>右键单击</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Select several layers (rubber band)</source>
            <translation>框选多个层</translation>
        </message>
        <message>
            <location filename="ann_studio/views/dialogs/shortcuts.py" />
            <source>Zoom</source>
            <translation>缩放</translation>
        </message>
    </context>
</TS>

"""The drills' words: prompts' common tails, the worked solution, the CLI's drill verdicts, the screen."""

MESSAGES = {
    # prompt tails: what shape, how precise, which convention
    "drills.hint.shape": ("答案 {rows}×{cols}", "answer {rows}×{cols}"),
    "drills.hint.float": (
        "保留 {decimals} 位小数（误差 ±{tolerance}）；中间结果多留几位，最后一步再四舍五入",
        "{decimals} decimals (±{tolerance}); keep more digits in between and round once, at the end",
    ),
    "drills.hint.int": (
        "整数，须精确（可写成 4*1024^2 这样的乘积）",
        "whole number, exact (products like 4*1024^2 are fine)",
    ),
    "drills.hint.index": ("编号从 0 开始", "indices count from 0"),
    "drills.hint.bool": ("是/否", "yes/no"),
    "drills.hint.rows_queries": ("行 = query，列 = key", "rows = queries, columns = keys"),
    "drills.hint.mask": (
        "mask：1/True = 可以关注，0 = 不能关注（填 −∞）",
        "mask: 1/True = may attend, 0 = blocked (−∞)",
    ),
    "drills.hint.exp_table": ("e^x 表：{table}", "table of e^x: {table}"),
    # worked solution
    "drills.solution.row_softmax": (
        "第 {row} 行：最大值 m = {top}；x − m = {shifted}；e^(x−m) = {exps}；和 = {total}；"
        "权重 = e^(x−m) / 和 = {weights}",
        "row {row}: max m = {top}; x − m = {shifted}; e^(x−m) = {exps}; sum = {total}; "
        "weights = e^(x−m) / sum = {weights}",
    ),
    "drills.solution.row_single": (
        "第 {row} 行只有一个 key 可看：权重为 1",
        "row {row} may attend one key only: weight 1",
    ),
    "drills.solution.round_once": (
        "中间结果保留 4 位小数，只在最后四舍五入到 {decimals} 位",
        "intermediate values to 4 decimals; rounded to {decimals} only at the end",
    ),
    # the verdict of `qkvstudy drill --answer`
    "drills.cli.unreadable": ("读不懂答案：{why}", "cannot read the answer: {why}"),
    "drills.cli.unknown_type": (
        "未知的练习类型 {type}（qkvstudy drill --list 列出全部）",
        "unknown drill type {type} (qkvstudy drill --list shows them)",
    ),
    "drills.cli.bad_level": ("{type} 的等级只能是 {levels}", "{type} has levels {levels}"),
    # level adaptation
    "drills.level.up": ("连续答对 3 次：升到 L{level}", "three right in a row: up to L{level}"),
    "drills.level.down": ("连续答错 2 次：降到 L{level}", "two wrong in a row: down to L{level}"),
    "drills.level.current": (
        "当前等级 L{level}（连续答对 3 次升级，答错 2 次降级）",
        "level L{level} (3 right in a row: up; 2 wrong: down)",
    ),
}
MESSAGES |= {
    "drills.solution.answer": ("答案", "Answer"),
    "drills.solution.as_above": ("如上", "as above"),
}

MESSAGES |= {
    f"drills.mistake.{code}": pair
    for code, pair in {
        "kv_forgot_two": ("忘了 ×2：K 和 V 都要缓存", "forgot the ×2: both K and V are cached"),
        "kv_query_heads": (
            "用了 query 头数：GQA/MQA 只缓存 num_kv_heads 个头",
            "used the query heads: GQA/MQA cache only num_kv_heads heads",
        ),
        "kv_bits_not_bytes": ("按位数算了：fp16 是 2 字节，不是 16", "counted bits: fp16 is 2 bytes, not 16"),
        "kv_forgot_layers": ("忘了乘层数：每层都有自己的 KV cache", "forgot the layers: every layer has its own cache"),
        "kv_forgot_batch": ("忘了乘 batch", "forgot the batch size"),
        "flops_macs": ("数的是乘加次数：每次乘加是 2 FLOPs (2mnk)", "counted multiply-adds: each is 2 FLOPs (2mnk)"),
        "flops_only_qk": ("只算了 Q·Kᵀ，A·V 也是同样多", "counted only Q·Kᵀ; A·V costs as much again"),
        "flops_one_head": (
            "只算了一个头：要乘 num_heads（即用 d_model）",
            "counted one head: multiply by num_heads (use d_model)",
        ),
        "flops_linear": (
            "写成了线性：注意力对序列长度是平方的",
            "made it linear: attention is quadratic in the sequence length",
        ),
        "flops_decode_quadratic": (
            "decode 一步只有 1 个 query：对 n 是线性的",
            "one decode step has a single query: linear in n",
        ),
        "mha_forgot_wo": ("忘了输出投影 W_O", "forgot the output projection W_O"),
        "mha_gqa_full_kv": (
            "GQA 的 W_K、W_V 只有 num_kv_heads·d_head 列",
            "GQA's W_K and W_V have only num_kv_heads·d_head columns",
        ),
        "mha_per_head_full": (
            "每个头不是各有一个 d_model×d_model：所有头合起来才是 d_model 列",
            "heads do not each get a d_model×d_model matrix: together they make d_model columns",
        ),
        "mha_swapped_lengths": ("A 是 query×key：(…, L_q, L_kv)", "A is queries × keys: (…, L_q, L_kv)"),
        "mha_k_uses_lq": ("K 来自编码器，长度是 L_kv", "K comes from the encoder: its length is L_kv"),
        "mha_heads_after_seq": (
            "忘了 transpose(1, 2)：头维在序列维前面",
            "forgot transpose(1, 2): heads come before seq",
        ),
        "ln_bessel": (
            "用了样本方差 ÷(n−1)：LayerNorm 用 ÷n",
            "used the sample variance ÷(n−1): LayerNorm divides by n",
        ),
        "ln_no_sqrt": ("除以了方差：应除以标准差 σ = √方差", "divided by the variance: divide by σ = √variance"),
        "ln_no_center": ("没有先减均值", "did not subtract the mean first"),
        "ln_beta_first": ("先加 β 再乘 γ 了：y = γ·x̂ + β", "added β before scaling by γ: y = γ·x̂ + β"),
        "rms_sub_mean": (
            "减了均值：那是 LayerNorm，RMSNorm 不减",
            "subtracted the mean: that is LayerNorm; RMSNorm does not",
        ),
        "rms_no_sqrt": ("忘了开方：RMS = √mean(x²)", "forgot the square root: RMS = √mean(x²)"),
        "rms_sum_not_mean": ("用了平方和而不是平均", "used the sum of squares, not the mean"),
        "rms_gain_missing": ("忘了乘增益 g", "forgot the gain g"),
        "lse_max_only": ("只取了最大值：还要加 ln Σ e^(x−m)", "took only the max: add ln Σ e^(x−m)"),
        "lse_forgot_max": ("减了最大值却忘了加回来", "subtracted the max but did not add it back"),
        "softmax_onehot": (
            "以为会饱和成 one-hot：差几个单位的权重并不是 0",
            "assumed a one-hot: logits a few apart still share weight",
        ),
        "softmax_linear": (
            "按线性比例归一化了：softmax 要先取指数",
            "normalised linearly: softmax exponentiates first",
        ),
        "logsoftmax_no_log": ("给出的是 softmax，不是 log-softmax", "gave softmax, not log-softmax"),
        "logsoftmax_sign": ("符号反了：log-softmax = x − LSE ≤ 0", "sign flipped: log-softmax = x − LSE ≤ 0"),
        "rope_wrong_direction": ("转反了方向：逆时针，角度 +mθ", "rotated the wrong way: counter-clockwise by +mθ"),
        "rope_forgot_position": ("只转了 θ：位置 m 要转 m·θ", "rotated by θ only: position m turns by m·θ"),
        "rope_no_rotation": ("没有旋转：RoPE 的点积是旋转后的 q·k", "did not rotate: RoPE scores the rotated q·k"),
        "rope_relative_sign": (
            "相对角度方向反了：是 (n − m)·θ 作用在 k 上",
            "relative angle reversed: k turns by (n − m)·θ",
        ),
        "alibi_sign": ("符号反了：距离越远偏置越负", "sign flipped: the farther, the more negative"),
        "alibi_no_slope": ("忘了乘斜率 m_h", "forgot the slope m_h"),
        "alibi_zero_based": ("头从 0 数了：h 从 1 开始", "counted heads from 0: h starts at 1"),
        "alibi_no_eight": ("指数写成了 −h/H：应为 −8h/H", "used the exponent −h/H: it is −8h/H"),
        "pe_sin_cos_swapped": (
            "sin 和 cos 放反了：偶数维 sin，奇数维 cos",
            "swapped sin and cos: even dims sin, odd dims cos",
        ),
        "pe_i_over_d": ("指数用了 i/d：应为 2i/d（i 数的是维度对）", "used i/d: the exponent is 2i/d (i counts pairs)"),
        "pe_positive_exponent": (
            "频率是 1/10000^(2i/d)，不是 10000^(2i/d)",
            "the frequency is 1/10000^(2i/d), not 10000^(2i/d)",
        ),
        "online_no_rescale": (
            "合并时没有按新的最大值重新缩放 ℓ：ℓ = ℓ1·e^(m1−m) + ℓ2·e^(m2−m)",
            "did not rescale to the new max when merging: ℓ = ℓ1·e^(m1−m) + ℓ2·e^(m2−m)",
        ),
        "online_wrong_direction": (
            "缩放因子反了：是 e^(m_i − m) ≤ 1",
            "rescaled the wrong way: the factor is e^(m_i − m) ≤ 1",
        ),
        "online_last_block": (
            "只留了最后一块：前面的块也要合并进来",
            "kept only the last block: earlier blocks count too",
        ),
        "online_average": (
            "把两块输出直接平均了：要按 ℓ·e^(m_i − m) 加权",
            "averaged the block outputs: weight them by ℓ·e^(m_i − m)",
        ),
        "mask_flipped": ("0/1 反了：1 = 可以关注", "flipped 1/0: 1 = may attend"),
        "mask_forgot_causal": ("忘了因果：query 不能看未来的 key", "forgot causality: a query cannot see later keys"),
        "mask_forgot_padding": (
            "忘了 padding：填充的 key 谁都不能看",
            "forgot the padding: nobody attends padded keys",
        ),
        "mask_window_off_by_one": (
            "窗口多算了一个：窗口含自己共 window 个",
            "window one too wide: it holds window tokens, itself included",
        ),
        "mask_top_left": (
            "左上对齐了：新 query 在序列末尾，要右下对齐",
            "aligned top-left: the new queries are at the end, align bottom-right",
        ),
    }.items()
}

MESSAGES |= {
    "drills.mask_compose.title": ("逐格判断", "cell by cell"),
    "drills.layer_norm.normalise": ("每个分量减 μ，再除以 σ", "subtract μ from each entry, then divide by σ"),
}

MESSAGES |= {
    "drills.screen.practice": (
        "练习：这张卡今天已评过分（或还没到期），这一题记录下来但不改变复习计划 · n 再来一题",
        "Practice: this card is already graded today (or not due), so this variant is recorded but not scheduled · n next",
    ),
    "drills.screen.solution": ("解题步骤", "Worked solution"),
    "drills.screen.level": ("L{level}", "L{level}"),
    "drills.screen.level_auto": (
        "自动等级 L{level}（答对 {right}/3 升级 · 答错 {wrong}/2 降级）",
        "level L{level} (up at 3 right in a row: {right}/3 · down at 2 wrong: {wrong}/2)",
    ),
    "drills.screen.note": ("讲解：{path}", "explained in: {path}"),
}

# The drill screen, one language at a time.
MESSAGES |= {
    "drills.screen.spec_invalid": ("这道练习的定义有问题：{why}", "the note's drill spec is invalid: {why}"),
    "drills.screen.cannot_make": ("无法生成练习：{why}", "cannot make this drill: {why}"),
    "drills.screen.not_saved": ("练习没有记录：{why}", "attempt not saved: {why}"),
    "drills.screen.not_graded": ("没有评分：{why}", "not graded: {why}"),
    "drills.screen.line_misfit": (
        "整行答案的形状和网格不符，没有复制到格子里",
        "the line answer does not fit the grid; not copied",
    ),
    "drills.screen.kind.int": ("整数", "whole numbers"),
    "drills.screen.kind.float": ("保留 {decimals} 位小数", "{decimals} decimals"),
    "drills.screen.kind.index": ("编号从 0 开始", "0-based"),
    "drills.screen.kind.bool": ("是/否", "yes/no"),
    "drills.screen.mode.line": ("整行", "line"),
    "drills.screen.mode.grid": ("逐格", "grid"),
    "drills.screen.answer_label": ("你的答案", "Your answer"),
    "drills.screen.answer_keys": ("enter 提交 · ctrl+l {other}", "enter submits · ctrl+l {other}"),
    "drills.screen.placeholder": (
        "例 {example}（{rows} 行，每行 {cols} 个；行用 ; 分隔）",
        "e.g. {example} ({rows} rows of {cols}; rows separated by ;)",
    ),
    "drills.screen.verdict.right": ("✓ 全对", "✓ right"),
    "drills.screen.verdict.partial": ("◐ 部分正确", "◐ partly right"),
    "drills.screen.verdict.wrong": ("✗ 不对", "✗ wrong"),
    "drills.screen.verdict_line": (
        "{label} · 得分 {right}/{cells}（{percent}） · 用时 {time}",
        "{label} · score {right}/{cells} ({percent}) · {time}",
    ),
    "drills.screen.diagnosis": ("诊断：{why}", "Diagnosis: {why}"),
    "drills.screen.no_diagnosis": (
        "没有认出是哪种典型错误，请对照下面的步骤",
        "no known mistake matches; compare with the steps below",
    ),
}

MESSAGES |= {
    "drills.screen.again_in": (" · {interval} 后再练", " · again in {interval}"),
    "drills.screen.graded": (
        "已记录 {rating} {grade}{after} · n 再来一题 · esc 返回",
        "Recorded {rating} {grade}{after} · n next · esc back",
    ),
    "drills.screen.practice_keys": ("n 再来一题 · esc 返回", "n next · esc back"),
}

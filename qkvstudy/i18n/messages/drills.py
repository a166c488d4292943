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

# The newer drill types: prompts, worked-solution titles, named mistakes.
MESSAGES |= {
    "drills.kv_cache_bytes.prompt": (
        "KV cache 占多少字节？{layers} 层，batch = {batch}，序列长度 {seq}，num_heads = {heads}，"
        "num_kv_heads = {kv}，d_head = {d_head}，dtype = {dtype}（每个数 {size} 字节）。K 和 V 都要缓存",
        "How many bytes does the KV cache take? {layers} layers, batch = {batch}, sequence length {seq}, "
        "num_heads = {heads}, num_kv_heads = {kv}, d_head = {d_head}, dtype = {dtype} ({size} bytes per value). "
        "Both K and V are cached",
    ),
    "drills.kv_cache_bytes.step": ("num_kv_heads = {kv}", "num_kv_heads = {kv}"),
    "drills.attention_flops.prompt1": (
        "一个头的 Q·Kᵀ 要多少 FLOPs？序列长度 L = {seq_len}，d_head = {d_head}。按 2mnk 规则（一次乘加 = 2 FLOPs）",
        "How many FLOPs for one head's Q·Kᵀ? sequence length L = {seq_len}, d_head = {d_head}. Use 2mnk "
        "(a multiply-add is 2 FLOPs)",
    ),
    "drills.attention_flops.prompt2": (
        "prefill 时一层注意力核心（Q·Kᵀ 和 A·V，不含投影）要多少 FLOPs？L = {seq_len}，num_heads = {num_heads}，"
        "d_head = {d_head}（d_model = {d_model}）。按 2mnk",
        "How many FLOPs for one layer's attention core in prefill (Q·Kᵀ and A·V, no projections)? "
        "L = {seq_len}, num_heads = {num_heads}, d_head = {d_head} (d_model = {d_model}). Use 2mnk",
    ),
    "drills.attention_flops.prompt3": (
        "一层注意力核心（Q·Kᵀ + A·V）的 FLOPs：① prefill，L = {seq_len}；② decode 一个新 token，"
        "缓存里共 n = {context} 个 token（含自己）。num_heads = {num_heads}，d_head = {d_head}（d_model = {d_model}）",
        "FLOPs of one layer's attention core (Q·Kᵀ + A·V): (1) prefill with L = {seq_len}; (2) decoding one new "
        "token against n = {context} cached tokens (itself included). num_heads = {num_heads}, d_head = {d_head} "
        "(d_model = {d_model})",
    ),
    "drills.attention_flops.rule": ("2mnk 规则", "the 2mnk rule"),
    "drills.attention_flops.rule_text": (
        "(m×k)·(k×n) 的矩阵乘法有 m·n·k 次乘加，每次 2 FLOPs",
        "an (m×k)·(k×n) product does m·n·k multiply-adds, 2 FLOPs each",
    ),
    "drills.mha_shapes_params.prompt1": (
        "多头注意力的投影 W_Q、W_K、W_V、W_O 一共多少参数（不含 bias）？d_model = {d_model}，num_heads = {num_heads}",
        "How many parameters in multi-head attention's W_Q, W_K, W_V, W_O (no bias)? d_model = {d_model}, "
        "num_heads = {num_heads}",
    ),
    "drills.mha_shapes_params.prompt2": (
        "GQA 的 W_Q、W_K、W_V、W_O 一共多少参数（不含 bias）？d_model = {d_model}，num_heads = {num_heads}，"
        "num_kv_heads = {num_kv_heads}",
        "How many parameters in GQA's W_Q, W_K, W_V, W_O (no bias)? d_model = {d_model}, num_heads = {num_heads}, "
        "num_kv_heads = {num_kv_heads}",
    ),
    "drills.mha_shapes_params.prompt3": (
        "交叉注意力 cross-attention：query 来自解码器 (B, L_q, d_model) = ({batch}, {len_q}, {d_model})，K/V 来自编码器，"
        "L_kv = {len_kv}，num_heads = {num_heads}。按 PyTorch 布局 (batch, heads, seq, d_head) 写出拆头后的 Q、K "
        "和注意力权重 A 的形状，每行 4 个整数",
        "Cross-attention: queries from the decoder (B, L_q, d_model) = ({batch}, {len_q}, {d_model}), K/V from the "
        "encoder with L_kv = {len_kv}, num_heads = {num_heads}. In PyTorch's layout (batch, heads, seq, d_head), "
        "write the shapes of Q and K after the split and of the weights A, 4 whole numbers per row",
    ),
    "drills.layer_norm.prompt1": (
        "LayerNorm 的统计量：求 x 的均值 μ 和标准差 σ（总体 ÷n，ε = 0）",
        "LayerNorm's statistics: the mean μ and standard deviation σ of x (population, ÷n, ε = 0)",
    ),
    "drills.layer_norm.prompt2": ("LayerNorm：x̂ = (x − μ) / σ（÷n，ε = 0）", "LayerNorm: x̂ = (x − μ) / σ (÷n, ε = 0)"),
    "drills.layer_norm.prompt3": (
        "LayerNorm：y = γ ⊙ (x − μ)/σ + β（÷n，ε = 0）",
        "LayerNorm: y = γ ⊙ (x − μ)/σ + β (÷n, ε = 0)",
    ),
    "drills.layer_norm.affine": ("先归一化，再逐元素乘 γ、加 β", "normalise first, then scale by γ and add β"),
    "drills.rms_norm.prompt1": (
        "RMSNorm 的分母：RMS(x) = √(mean(x²))（ε = 0）",
        "RMSNorm's denominator: RMS(x) = √(mean(x²)) (ε = 0)",
    ),
    "drills.rms_norm.prompt2": (
        "RMSNorm：y = x / RMS(x)（不减均值，ε = 0）",
        "RMSNorm: y = x / RMS(x) (no mean subtracted, ε = 0)",
    ),
    "drills.rms_norm.prompt3": ("RMSNorm：y = g ⊙ x / RMS(x)（ε = 0）", "RMSNorm: y = g ⊙ x / RMS(x) (ε = 0)"),
    "drills.rms_norm.no_mean": ("RMSNorm 不减均值，也没有 β", "RMSNorm subtracts no mean and has no β"),
    "drills.stable_softmax.prompt1": (
        "logits 很大，直接 e^x 会溢出。用数值稳定的方法算 logsumexp(x) = ln Σ e^(x_i)",
        "The logits are large: e^x overflows. Compute logsumexp(x) = ln Σ e^(x_i) the numerically stable way",
    ),
    "drills.stable_softmax.prompt2": (
        "logits 很大，直接 e^x 会溢出。用数值稳定的方法算 softmax(x)",
        "The logits are large: e^x overflows. Compute softmax(x) the numerically stable way",
    ),
    "drills.stable_softmax.prompt3": (
        "logits 很大。用数值稳定的方法算 log-softmax(x) = x − logsumexp(x)",
        "The logits are large. Compute log-softmax(x) = x − logsumexp(x) the numerically stable way",
    ),
    "drills.stable_softmax.shift": ("减去最大值", "subtract the max"),
    "drills.rope_rotate.prompt": (
        "RoPE：把二维向量 q 放在位置 m = {m}，每个位置转 θ = {theta}°（逆时针），求旋转后的 q_m",
        "RoPE: put the 2-d vector q at position m = {m}, rotating by θ = {theta}° per position (counter-clockwise); "
        "give the rotated q_m",
    ),
    "drills.rope_rotate.prompt3": (
        "RoPE，θ = {theta}°/位置：q 在位置 m = {m}，k 在位置 n = {n}。求 ① R(mθ)q · R(nθ)k ② 两者都后移 s = {shift} "
        "个位置后的点积",
        "RoPE with θ = {theta}° per position: q at m = {m}, k at n = {n}. Give (1) R(mθ)q · R(nθ)k and (2) the same "
        "dot product with both moved s = {shift} positions on",
    ),
    "drills.rope_rotate.angle": ("旋转角", "rotation angle"),
    "drills.rope_rotate.relative": ("只和 n − m 有关", "only n − m matters"),
    "drills.alibi_bias.prompt1": (
        "ALiBi：num_heads = {heads}，第 h = {head} 个头（从 1 数）的斜率 m_h = 2^(−8h/H) 是多少？",
        "ALiBi: with num_heads = {heads}, what is the slope m_h = 2^(−8h/H) of head h = {head} (counted from 1)?",
    ),
    "drills.alibi_bias.prompt2": (
        "ALiBi：num_heads = {heads}，第 h = {head} 个头。写出 {n}×{n} 的偏置 bias[i, j] = −m_h·(i − j)（因果：j > i 填 −∞）",
        "ALiBi: num_heads = {heads}, head h = {head}. Write the {n}×{n} bias[i, j] = −m_h·(i − j) (causal: −∞ where j > i)",
    ),
    "drills.alibi_bias.prompt3": (
        "ALiBi：num_heads = {heads}，第 h = {head} 个头。给分数 S 加上偏置 −m_h·(i − j)，写出 S + bias（j > i 填 −∞）",
        "ALiBi: num_heads = {heads}, head h = {head}. Add the bias −m_h·(i − j) to the scores S; write S + bias "
        "(−∞ where j > i)",
    ),
    "drills.alibi_bias.bias_text": (
        "bias[i, j] = −{m}·(i − j)，越远罚得越多",
        "bias[i, j] = −{m}·(i − j): the farther, the larger the penalty",
    ),
    "drills.sinusoidal_pe.prompt1": (
        "正弦位置编码，d_model = {d}：第 i = {i} 对维度（从 0 数）的频率 ω_i = 1 / 10000^(2i/d) 是多少？"
        "位置 pos = {pos} 在这一对上的角度 pos·ω_i 是多少（弧度）？",
        "Sinusoidal positions with d_model = {d}: what is the frequency ω_i = 1 / 10000^(2i/d) of pair i = {i} "
        "(counted from 0), and the angle pos·ω_i at pos = {pos} (radians)?",
    ),
    "drills.sinusoidal_pe.prompt": (
        "正弦位置编码，d_model = {d}：写出位置 pos = {pos} 的编码 PE(pos, 2i) = sin(pos·ω_i)，"
        "PE(pos, 2i+1) = cos(pos·ω_i)，ω_i = 10000^(−2i/d)（弧度）",
        "Sinusoidal positions with d_model = {d}: write the encoding of pos = {pos}, PE(pos, 2i) = sin(pos·ω_i), "
        "PE(pos, 2i+1) = cos(pos·ω_i), ω_i = 10000^(−2i/d) (radians)",
    ),
    "drills.sinusoidal_pe.table": ("sin/cos 表（弧度）：{table}", "sin/cos (radians): {table}"),
    "drills.sinusoidal_pe.pairs": (
        "偶数维 sin，奇数维 cos，角度 = {pos}·ω_i",
        "even dims sin, odd dims cos, angle = {pos}·ω_i",
    ),
    "drills.online_softmax.prompt1": (
        "FlashAttention 的 online softmax：块 1 的最大值 m1 = {m1}、和 ℓ1 = {l1}，块 2 的 m2 = {m2}、ℓ2 = {l2}"
        "（ℓ = Σ e^(x − m)，各按自己的最大值）。合并后的 m 和 ℓ 是多少？",
        "FlashAttention's online softmax: block 1 has max m1 = {m1} and sum ℓ1 = {l1}, block 2 m2 = {m2}, ℓ2 = {l2} "
        "(ℓ = Σ e^(x − m), each against its own max). What are the merged m and ℓ?",
    ),
    "drills.online_softmax.prompt2": (
        "FlashAttention 的 online softmax：一行分数分两块 x1、x2 依次到来。先各算 m、ℓ = Σ e^(x − m)，再合并，"
        "写出最终的 m 和 ℓ",
        "FlashAttention's online softmax: a row of scores arrives in two blocks x1, x2. Compute each block's m and "
        "ℓ = Σ e^(x − m), merge, and give the final m and ℓ",
    ),
    "drills.online_softmax.prompt3": (
        "FlashAttention：分数分两块 x1、x2，对应的值（d_v = 1）为 v1、v2。逐块算 m、ℓ 和块输出 o，"
        "合并时重新缩放 (rescale)，写出最终的 m、ℓ 和输出 o",
        "FlashAttention: scores in two blocks x1, x2 with values (d_v = 1) v1, v2. Compute each block's m, ℓ and "
        "output o, rescale while merging, and give the final m, ℓ and output o",
    ),
    "drills.online_softmax.blocks": ("逐块", "block by block"),
    "drills.mask_compose.prompt1": (
        "组合掩码：因果 causal（query i 只看 j ≤ i）+ padding（最后 {pads} 个 key 是填充）。L_q = L_kv = {len_q}，"
        "写出 mask，1 = 可以关注，0 = 不能",
        "Combined mask: causal (query i sees j ≤ i) + padding (the last {pads} keys are padding). L_q = L_kv = {len_q}; "
        "write the mask, 1 = may attend, 0 = blocked",
    ),
    "drills.mask_compose.prompt2": (
        "滑动窗口 sliding window：因果，且每个 query 只看最近 {window} 个 token（含自己），即 i − window < j ≤ i。"
        "L = {len_q}，写出 mask，1 = 可以关注",
        "Sliding window: causal, and each query sees only the last {window} tokens (itself included), "
        "i − window < j ≤ i. L = {len_q}; write the mask, 1 = may attend",
    ),
    "drills.mask_compose.prompt3": (
        "解码 / 分块 prefill：{len_q} 个新 query 接在 {len_kv} 个 key 的末尾（因果掩码右下对齐 bottom-right）。"
        "写出 {len_q}×{len_kv} 的 mask，1 = 可以关注",
        "Decode / chunked prefill: {len_q} new queries are the last of {len_kv} keys (causal mask aligned "
        "bottom-right). Write the {len_q}×{len_kv} mask, 1 = may attend",
    ),
    "drills.mask_compose.rule1": ("因果 且 不是 padding", "causal and not padding"),
    "drills.mask_compose.rule2": ("j ≤ i 且 i − j < window", "j ≤ i and i − j < window"),
    "drills.mask_compose.rule3": (
        "query i 的绝对位置是 L_kv − L_q + i，能看 j ≤ 这个位置",
        "query i sits at absolute position L_kv − L_q + i and sees j up to it",
    ),
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

MESSAGES |= {
    "drills.cli.opt.json": (
        "以 JSON 打印这道练习（不含答案），不打开 app",
        "print the drill as JSON, without its answer (no app)",
    ),
    "drills.cli.opt.answer": (
        '批改这个答案（如 "0.1 0.9; 0.5 0.5"），以 JSON 打印结果',
        'mark this answer ("0.1 0.9; 0.5 0.5") and print the verdict as JSON',
    ),
    "drills.cli.needs_type": (
        "--json 和 --answer 需要 --type（qkvstudy drill --list 列出全部）",
        "--json and --answer need --type (see qkvstudy drill --list)",
    ),
}

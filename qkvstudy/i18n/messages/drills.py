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
    # answer parsing and the checker's diagnoses
    "drills.answer.nan": ("NaN 不是有效答案", "NaN is not an answer"),
    "drills.answer.unreadable": ("无法识别 '{token}'", "cannot read '{token}'"),
    "drills.answer.too_large": ("数字太大 '{token}'", "number too large '{token}'"),
    "drills.answer.zero_division": ("分母为 0 '{token}'", "division by zero '{token}'"),
    "drills.answer.cannot_compute": ("无法计算 '{token}'", "cannot compute '{token}'"),
    "drills.answer.empty_cell": ("空白", "empty cell"),
    "drills.answer.yes_no": ("应为 是/否 '{token}'", "expected yes/no, got '{token}'"),
    "drills.answer.whole": ("应为整数 '{token}'", "expected a whole number, got '{token}'"),
    "drills.answer.negative_index": ("序号从 0 开始，不能为负 '{token}'", "an index is 0 or more, got '{token}'"),
    "drills.answer.too_long": ("答案太长（{count} 个字符）", "answer too long: {count} characters"),
    "drills.answer.empty": ("答案为空", "empty answer"),
    "drills.answer.at_cell": ("{problem}（第 {row} 行第 {col} 列）", "{problem} at row {row}, col {col}"),
    "drills.answer.rows": ("有 {got} 行，应为 {want} 行", "{got} rows, expected {want}"),
    "drills.answer.cols": ("第 {row} 行有 {got} 个数，应为 {want} 个", "row {row} has {got} entries, expected {want}"),
    "drills.mistake.transposed": ("答案转置了：行应是 query / token", "answer transposed: one row per query"),
    "drills.mistake.percent": ("权重写成了百分数的数值：33 应写 0.33 或 33%", "write 0.33 or 33%, not 33"),
    "drills.mistake.shape": (
        "形状不对：答案是 {got}，应为 {want}",
        "wrong shape: the answer is {got}, expected {want}",
    ),
    "drills.mistake.or": ("；或 ", "; or "),
    "drills.mistake.maybe": ("可能是 {diagnosis}", "maybe {diagnosis}"),
    # the attention and decode drills' prompts
    "drills.prompt.already_scaled": ("（S 已缩放）", " (S is already scaled)"),
    "drills.prompt.scale_given": (
        "（已知 S = Q·Kᵀ，dₖ = {d_k}，{root}）",
        " (S = Q·Kᵀ is given, dₖ = {d_k}, {root})",
    ),
    "drills.prompt.scale_dk": ("，dₖ = {d_k}（{root}）", ", dₖ = {d_k} ({root})"),
    "drills.prompt.scores": (
        "计算注意力分数 S = Q·Kᵀ（先不缩放）。行 = query，列 = key",
        "Compute the attention scores S = Q·Kᵀ (no scaling yet). Rows = queries, columns = keys",
    ),
    "drills.prompt.scaled_scores": (
        "计算缩放后的分数 Q·Kᵀ / √dₖ{scale}",
        "Compute the scaled scores Q·Kᵀ / √dₖ{scale}",
    ),
    "drills.prompt.weights_row": (
        "计算 token t{row} 的注意力权重，即 softmax(Q·Kᵀ/√dₖ) 的第 {row} 行（从 0 数）{scale}",
        "Compute the attention weights of token t{row}, row {row} of softmax(Q·Kᵀ/√dₖ) (counting from 0){scale}",
    ),
    "drills.prompt.weights": (
        "计算注意力权重 A = softmax(Q·Kᵀ/√dₖ)，按行 softmax{scale}",
        "Compute the attention weights A = softmax(Q·Kᵀ/√dₖ), softmax per row{scale}",
    ),
    "drills.prompt.argmax_all": (
        "每个 token 分别最关注哪个 key（注意力权重最大）？每行填一个 key 的编号，从 0 开始（k0 = 0）",
        "Which key does each token attend to most (largest attention weight)? One key index per row, from 0 (k0 = 0)",
    ),
    "drills.prompt.argmax_row": (
        "token t{row} 最关注哪个 key（注意力权重最大）？填 key 的编号，从 0 开始（k0 = 0）",
        "Which key does token t{row} attend to most (largest attention weight)? The key's index, from 0 (k0 = 0)",
    ),
    "drills.prompt.list_sep": ("、", ", "),
    "drills.prompt.temperature_rows": (
        "带温度的 softmax：A = softmax(S / T)。S 是 logits，分别计算 {temps} 时的权重，每个 T 一行（T 越大越平）",
        "Softmax with temperature: A = softmax(S / T). S are logits; compute the weights at {temps}, one row per T (a larger T is flatter)",
    ),
    "drills.prompt.temperature": (
        "带温度的 softmax：A = softmax(S / T)，{temps}。S 是 logits，按行 softmax",
        "Softmax with temperature: A = softmax(S / T), {temps}. S are logits, softmax per row",
    ),
    "drills.prompt.output": (
        "计算注意力输出 O = softmax(Q·Kᵀ/√dₖ)·V{scale}",
        "Compute the attention output O = softmax(Q·Kᵀ/√dₖ)·V{scale}",
    ),
    "drills.prompt.output_given": (
        "已知注意力权重 A 和值 V，计算输出 O = A·V（{hint}）",
        "Given the attention weights A and the values V, compute the output O = A·V ({hint})",
    ),
    "drills.prompt.causal_fill": (
        "给已缩放的分数 S 加因果掩码 causal mask：token i 只能看 j ≤ i，不能看的位置填 -inf（或 -∞）",
        "Apply a causal mask to the scaled scores S: token i sees only j ≤ i; write -inf (or -∞) where it cannot look",
    ),
    "drills.prompt.causal_weights": (
        "计算带因果掩码的注意力权重：token i 只能关注 j ≤ i（左上对齐），A = softmax(mask(Q·Kᵀ/√dₖ)){scale}",
        "Compute the causally masked attention weights: token i attends only to j ≤ i (top-left aligned), A = softmax(mask(Q·Kᵀ/√dₖ)){scale}",
    ),
    "drills.prompt.padding": (
        "K 的末尾是填充 padding。mask 里 1 = 可以关注、0 = padding（PyTorch SDPA 约定：True = 可以关注）。计算注意力权重 A = softmax(masked(Q·Kᵀ/√dₖ)){scale}",
        "The end of K is padding. In the mask 1 = may attend, 0 = padding (the PyTorch SDPA convention: True = may attend). Compute the attention weights A = softmax(masked(Q·Kᵀ/√dₖ)){scale}",
    ),
    "drills.prompt.decode_weights": (
        "它对全部 {n} 个 token 的注意力权重（1×{n}）",
        "its attention weights over all {n} tokens (1×{n})",
    ),
    "drills.prompt.decode_output": ("它的输出 o_t（1×{d_v}）", "its output o_t (1×{d_v})"),
    "drills.prompt.decode": (
        "自回归解码 decode：KV 缓存里已有前 {n} 个 token 的 K_cache、V_cache；新 token 的 q_t、k_t、v_t 如下，dₖ = {d_k}。先把 k_t、v_t 追加进缓存，再计算{what}",
        "Autoregressive decoding: the KV cache holds K_cache and V_cache of the first {n} tokens; the new token's q_t, k_t, v_t are below, dₖ = {d_k}. Append k_t and v_t to the cache, then compute {what}",
    ),
    # how a prompt joins its hints
    "drills.hint.sep": ("；", "; "),
    "drills.hint.with": ("{prompt}（{hint}）", "{prompt} ({hint})"),
    # the attention family's mistakes and worked solutions
    "drills.explain.sharper": ("（T < 1 使分布更尖）", " (T < 1 makes it sharper)"),
    "drills.explain.flatter": ("（T > 1 使分布更平）", " (T > 1 makes it flatter)"),
    "drills.explain.scale": ("缩放", "Scale"),
    "drills.explain.sep": ("，", ", "),
    "drills.mistake.one_based": ("编号从 1 数了：第一个 key 是 k0 = 0", "counted from 1; indices are 0-based"),
    "drills.mistake.argmin": ("选成了分数最小的 key", "picked the smallest score, not the largest"),
    "drills.mistake.argmax_axis": (
        "按列找了最大：应在 token 自己那一行里比较各个 key",
        "took the max down a column, over queries, instead of along the row",
    ),
    "drills.mistake.weights_transposed": (
        "用了 Aᵀ·V：输出第 i 行应按 A 的第 i 行加权 V 的各行",
        "used Aᵀ·V; row i of O mixes V's rows with row i of A",
    ),
    "drills.explain.answer": ("答案", "Answer"),
    "drills.explain.append": ("追加缓存", "Append to the KV cache"),
    "drills.explain.append_text": (
        "K = [K_cache; k_t]、V = [V_cache; v_t]：共 {n} 个 token。新 token 可以看自己和所有旧 token，不需要掩码",
        "K = [K_cache; k_t], V = [V_cache; v_t]: {n} tokens. The new token sees itself and every earlier token, no mask needed",
    ),
    "drills.explain.scores": ("分数 = {product}", "Scores = {product}"),
    "drills.explain.dot": ("每个 query 行与每个 key 行做点积：", "each query row dotted with each key row: "),
    "drills.explain.given_scores": ("已知分数", "Given scores"),
    "drills.explain.given": ("S 直接给出", "S is given"),
    "drills.explain.causal": ("token i 只能看 j ≤ i（causal）", "token i sees only j ≤ i (causal)"),
    "drills.explain.padding": ("mask 为 0 的 key 不能看（padding）", "keys where the mask is 0 are not seen (padding)"),
    "drills.explain.mask": ("掩码", "Mask"),
    "drills.explain.mask_text": (
        "{rule}：这些位置填 −∞，softmax 后权重为 0",
        "{rule}: those cells get −∞, so their weight after softmax is 0",
    ),
    "drills.explain.compare": ("比较", "Compare"),
    "drills.explain.monotonic": (
        "softmax 单调：权重最大的 key 就是分数最大的 key，不必算 softmax",
        "softmax is monotonic: the key with the largest weight is the key with the largest score, no softmax needed",
    ),
    "drills.explain.softmax": ("Softmax（按行）", "Softmax (row-wise)"),
    "drills.explain.output": ("输出 = A·V", "Output = A·V"),
    "drills.explain.argmax_answer": (
        "每行取分数最大的 key 的编号（从 0 数）",
        "the index of the largest score in each row, from 0",
    ),
    "drills.explain.take_row": ("取第 {row} 行", "row {row}"),
    "drills.explain.as_above": ("如上", "as above"),
    "drills.explain.weights": ("权重 A", "Weights A"),
    "drills.explain.rows_sum": ("每行和为 1", "each row sums to 1"),
    "drills.explain.weighted_sum": (
        "O 的第 i 行 = A 第 i 行对 V 各行的加权和：",
        "row i of O = the weighted sum of V's rows by row i of A: ",
    ),
    "drills.explain.at_temperature": ("（T = {temp}）", " (T = {temp})"),
    # the projection and symmetry drills
    "drills.prompt.projection": (
        "行约定：{ask} = X·W_{ask}。计算 {ask}（答案 {rows}×{cols}，整数）",
        "Row convention: {ask} = X·W_{ask}. Compute {ask} (answer {rows}×{cols}, whole numbers)",
    ),
    "drills.mistake.wrong_projection": (
        "用错了投影矩阵：{ask} 要用 W_{ask}，不是 W_{n}",
        "used W_{n}; {ask} = X·W_{ask}",
    ),
    "drills.mistake.weight_transposed": (
        "用了 X·W_{ask}ᵀ：这里是行约定 {ask} = X·W_{ask}，不转置 W",
        "used X·W_{ask}ᵀ, the column convention; here {ask} = X·W_{ask}",
    ),
    "drills.mistake.wrong_order": (
        "乘反了顺序 W_{ask}·X：行约定是 X·W",
        "multiplied in the wrong order (W_{ask}·X); the row convention is X·W",
    ),
    "drills.mistake.rows_tokens": (
        "答案转置了：行应是 token，列是特征",
        "answer transposed: rows are tokens, columns features",
    ),
    "drills.explain.projection_row": (
        "第 i 行 = token i 的 x_i 乘 W_{ask}（x_0 · W_{ask} 第 0 列）：",
        "row i = token i's x_i times W_{ask} (x_0 · column 0 of W_{ask}): ",
    ),
    "drills.prompt.symmetry": (
        "S = Q·Kᵀ 是对称矩阵吗（s_ij = s_ji）？",
        "Is S = Q·Kᵀ a symmetric matrix (s_ij = s_ji)?",
    ),
    "drills.prompt.symmetry_x": (
        "Q = X·W_Q，K = X·W_K。S = Q·Kᵀ 是对称矩阵吗？",
        "Q = X·W_Q, K = X·W_K. Is S = Q·Kᵀ a symmetric matrix?",
    ),
    "drills.prompt.symmetry_both": (
        "Q = X·W_Q，K = X·W_K。依次回答两问：① S = Q·Kᵀ 对称吗？② 注意力权重 A = softmax(S/√dₖ) 对称吗？",
        "Q = X·W_Q, K = X·W_K. Answer two questions in order: ① is S = Q·Kᵀ symmetric? ② are the attention weights A = softmax(S/√dₖ) symmetric?",
    ),
    "drills.prompt.yes_no_each": ("{text}（是/否，每问一个）", "{text} (yes/no, one per question)"),
    "drills.prompt.yes_no_one": ("{text}（是/否，填一个）", "{text} (yes/no, one answer)"),
    "drills.label.symmetric": ("对称?", "symmetric?"),
    "drills.mistake.symmetry_shared": (
        "Q 与 K 相同（或 W_Q = W_K）时 s_ij = q_i·q_j = s_ji，一定对称",
        "with shared projections (Q = K) s_ij = q_i·q_j = s_ji: the scores are symmetric",
    ),
    "drills.mistake.symmetry_differ": (
        "Q ≠ K 时 Q·Kᵀ 一般不对称：{pair}",
        "scores are not symmetric when Q ≠ K: {pair}",
    ),
    "drills.mistake.symmetry_rows_match": (
        "这里每行 exp 之和恰好相等，所以权重也对称",
        "the row sums happen to match, so the weights are symmetric too",
    ),
    "drills.mistake.symmetry_softmax": (
        "softmax 按行归一化，每行分母不同，权重一般不对称——即使 S 对称",
        "softmax normalises each row by its own sum, so weights are not symmetric even when scores are",
    ),
    "drills.explain.shared": ("；W_Q = W_K 所以 Q = K", "; W_Q = W_K so Q = K"),
    "drills.explain.projections": ("投影", "Projections"),
    "drills.explain.qk": ("Q = X·W_Q，K = X·W_K{shared}", "Q = X·W_Q, K = X·W_K{shared}"),
    "drills.explain.symmetric_s": ("对称：S = Sᵀ", "symmetric: S = Sᵀ"),
    "drills.explain.not_symmetric": ("不对称：{pair}", "not symmetric: {pair}"),
    "drills.explain.weights_softmax": ("权重 = softmax(S/√dₖ)", "Weights = softmax(S/√dₖ)"),
    "drills.explain.symmetric": ("对称", "symmetric"),
    "drills.explain.rows_separately": ("不对称：每行除以自己的和", "not symmetric: each row is divided by its own sum"),
    "drills.explain.yes_no": ("1 = 是，0 = 否", "1 = yes, 0 = no"),
    # the multi-head and GQA drills
    "drills.prompt.d_head": (
        "d_model = {d_model}，num_heads = {h}。每个头的维度 d_head 是多少？",
        "d_model = {d_model}, num_heads = {h}. What is each head's dimension d_head?",
    ),
    "drills.prompt.split_shape": (
        "输入 X 形状 (B, L, d_model) = ({b}, {n}, {d_model})，num_heads = {h}。Q = X·W_Q 拆成多头 split heads 并 transpose 后（PyTorch 布局 (batch, heads, seq, d_head)）的形状？填 4 个整数",
        "Input X has shape (B, L, d_model) = ({b}, {n}, {d_model}), num_heads = {h}. What is the shape of Q = X·W_Q after splitting into heads and transposing (PyTorch layout (batch, heads, seq, d_head))? Four whole numbers",
    ),
    "drills.prompt.gqa_shapes": (
        "GQA：X 形状 ({b}, {n}, {d_model})，num_heads = {h}，num_kv_heads = {kv}。按 PyTorch 布局 (batch, heads, seq, d_head) 写出：① 拆头后的 Q ② 拆头后的 K（repeat 之前）③ 注意力权重 A。每行 4 个整数",
        "GQA: X has shape ({b}, {n}, {d_model}), num_heads = {h}, num_kv_heads = {kv}. In the PyTorch layout (batch, heads, seq, d_head) write: ① Q after the split ② K after the split (before repeat) ③ the attention weights A. Four whole numbers per row",
    ),
    "drills.mistake.no_head_split": (
        "d_head 要除以头数：d_head = d_model / num_heads",
        "forgot to divide d_model among the heads: d_head = d_model / num_heads",
    ),
    "drills.mistake.head_times": ("是除以头数，不是乘", "divide by num_heads, do not multiply"),
    "drills.mistake.heads_before_seq": (
        "忘了 transpose(1, 2)：view 之后是 (B, L, h, d_head)，转置后头维在序列维前",
        "forgot transpose(1, 2): after view it is (B, L, h, d_head); transposed, heads come before seq",
    ),
    "drills.mistake.gqa_kv_heads": (
        "GQA 里 K/V 只有 num_kv_heads 个头，repeat 之后才是 num_heads",
        "in GQA K/V have num_kv_heads heads; only after repeat are there num_heads",
    ),
    "drills.mistake.weights_d_head": (
        "注意力权重是 query×key，最后两维是 (L, L)，与 d_head 无关",
        "the weights are queries by keys: the last two dimensions are (L, L), not d_head",
    ),
    "drills.explain.d_head": ("每头维度 d_head", "Per-head dimension d_head"),
    "drills.explain.project": ("投影", "Project"),
    "drills.explain.view": ("拆头 view", "Split heads (view)"),
    "drills.explain.transpose": ("转置 transpose(1, 2)", "transpose(1, 2)"),
    "drills.explain.transposed": ("→ {shape}：每个头各自做注意力", "→ {shape}: each head attends separately"),
    "drills.explain.kv_heads": ("K/V 头数（GQA）", "K/V heads (GQA)"),
    "drills.explain.kv_heads_text": (
        "W_K 输出 num_kv_heads·d_head = {kv}·{d} = {cols} 列 → K 为 {shape}；每个 KV 头服务 {g} 个 query 头，repeat_interleave 后才是 {h} 个",
        "W_K outputs num_kv_heads·d_head = {kv}·{d} = {cols} columns → K is {shape}; each KV head serves {g} query heads, {h} only after repeat_interleave",
    ),
    "drills.explain.weights_title": ("权重", "Weights"),
    "drills.explain.weights_shape": (
        "A = softmax(Q·Kᵀ/√d_head)：{shape}，最后两维是 query×key",
        "A = softmax(Q·Kᵀ/√d_head): {shape}, the last two dimensions are queries by keys",
    ),
    "drills.prompt.gqa_one": (
        "GQA：num_heads = {h}，num_kv_heads = {kv}。query 头 h{head} 用哪个 KV 头？（编号从 0 开始）",
        "GQA: num_heads = {h}, num_kv_heads = {kv}. Which KV head does query head h{head} use? (indices from 0)",
    ),
    "drills.prompt.gqa_some": (
        "GQA：num_heads = {h}，num_kv_heads = {kv}。query 头 {asked} 各用哪个 KV 头？（编号从 0 开始）",
        "GQA: num_heads = {h}, num_kv_heads = {kv}. Which KV head does each of the query heads {asked} use? (indices from 0)",
    ),
    "drills.prompt.gqa_all": (
        "GQA：num_heads = {h}，num_kv_heads = {kv}。依次写出每个 query 头 h0…h{last} 用的 KV 头编号（从 0 开始）",
        "GQA: num_heads = {h}, num_kv_heads = {kv}. Write the KV head of each query head h0…h{last} in order (indices from 0)",
    ),
    "drills.prompt.with_size": ("{text}（答案 1×{n}）", "{text} (answer 1×{n})"),
    "drills.label.kv_head": ("KV 头", "KV head"),
    "drills.mistake.gqa_modulo": (
        "用了 h mod {kv}（交错）：相邻的 {g} 个 query 头共享一个 KV 头，是 h // {g}",
        "used h mod {kv} (interleaved): {g} consecutive query heads share a KV head, as repeat_interleave, so h // {g}",
    ),
    "drills.mistake.gqa_wrong_divisor": (
        "除错了数：组大小是 num_heads / num_kv_heads = {g}，应为 h // {g}",
        "divide by the group size num_heads / num_kv_heads = {g} (h // {g}), not by num_kv_heads",
    ),
    "drills.mistake.one_based_head": ("编号从 1 数了：第一个 KV 头是 0", "counted from 1; heads are 0-based"),
    "drills.explain.group_size": ("组大小", "Group size"),
    "drills.explain.mapping": ("映射", "Mapping"),
    "drills.explain.mapping_text": (
        "kv(h) = h // g（PyTorch repeat_interleave / SDPA enable_gqa）：{groups}",
        "kv(h) = h // g (PyTorch repeat_interleave / SDPA enable_gqa): {groups}",
    ),
    # a note's ```qkvdrill spec: why it is ignored
    "drills.spec.matrix_rows": (
        "矩阵 {name} 必须是行的列表，例如 [[1, 0], [0, 1]]",
        "matrix {name} must be a list of rows, e.g. [[1, 0], [0, 1]]",
    ),
    "drills.spec.matrix_mixed": ("矩阵 {name} 混用了数字和行", "matrix {name} mixes numbers and rows"),
    "drills.spec.matrix_empty_row": ("矩阵 {name} 有空行", "matrix {name} has an empty row"),
    "drills.spec.matrix_ragged": (
        "矩阵 {name} 各行长度不同（{lengths}）",
        "matrix {name} has rows of different lengths ({lengths})",
    ),
    "drills.spec.matrix_big": (
        "矩阵 {name} 是 {rows}×{cols}，最多 {max}×{max}",
        "matrix {name} is {rows}×{cols}, at most {max}×{max}",
    ),
    "drills.spec.mask_values": (
        "mask 只能是 1/0 或 true/false（1 = 可以关注），不能是 {value}",
        "mask holds only 1/0 or true/false (1 = may attend), got {value}",
    ),
    "drills.spec.non_number": ("{name} 里有非数字 {value}", "{name} contains a non-number {value}"),
    "drills.spec.non_finite": ("{name} 里有非有限的数", "{name} contains a non-finite number"),
    "drills.spec.mask_blocked": (
        "mask 第 {row} 行挡住了所有 key：每个 query 都需要可关注的 key",
        "mask row {row} blocks every key: each query needs a key to attend",
    ),
    "drills.spec.yaml_text": ("练习规格是 YAML 文本", "a drill spec is YAML text"),
    "drills.spec.bad_yaml": ("不是合法的 YAML：{what}", "not valid YAML: {what}"),
    "drills.spec.not_mapping": (
        "练习规格是至少含 'type' 的映射（已知类型：{known}）",
        "a drill spec is a mapping with at least 'type' (known: {known})",
    ),
    "drills.spec.unknown_key": ("未知的键 '{key}'（已知：{known}）", "unknown key '{key}' (known: {known})"),
    "drills.spec.missing_type": ("缺少 'type'（已知类型：{known}）", "missing 'type' (known: {known})"),
    "drills.spec.unknown_type": (
        "未知的练习类型 '{type}'（已知：{known}）",
        "unknown drill type '{type}' (known: {known})",
    ),
    "drills.spec.seed": (
        "seed 必须是 ≥ 0 的整数，不能是 {value}",
        "seed must be a whole number 0 or more, got {value}",
    ),
    "drills.spec.prompt_text": ("prompt 必须是文本", "prompt must be text"),
    "drills.spec.does_not_take": (
        "类型 '{type}' 不接受 '{key}'（可用：{takes}）",
        "type '{type}' does not take '{key}' (takes: {takes})",
    ),
    "drills.spec.nothing": ("无", "nothing"),
    "drills.spec.level": ("level 必须是 1、2 或 3，不能是 {value}", "level must be 1, 2 or 3, got {value}"),
    "drills.spec.seed_range": (
        "seed 必须是 0 到 {max} 的整数，不能是 {value}",
        "seed must be a whole number from 0 to {max}, got {value}",
    ),
    # a spec's values that cannot make the drill
    "drills.spec.whole_range": (
        "{name} 必须是 {low} 到 {high} 的整数，不能是 {value}",
        "{name} must be a whole number from {low} to {high}, got {value}",
    ),
    "drills.spec.temperature": (
        "temperature 必须是正数或正数的列表，不能是 {value}",
        "temperature must be a positive number or a list of them, got {value}",
    ),
    "drills.spec.weights_rows": (
        "矩阵 weights：每行必须非负且和为 1",
        "matrix weights: rows must be non-negative and sum to 1",
    ),
    "drills.spec.ask": (
        "{type} 的 ask 必须是 {choices} 之一，不能是 {value}",
        "ask must be one of {choices} for {type}, got {value}",
    ),
    "drills.spec.mask_shape": (
        "mask 是 {rows}×{cols}，应为 1×{S} 或 {L}×{S}",
        "mask is {rows}×{cols}, expected 1×{S} or {L}×{S}",
    ),
    "drills.spec.not_divisible": (
        "d_model {d_model} 不能被 num_heads {h} 整除",
        "d_model {d_model} is not divisible by num_heads {h}",
    ),
    "drills.spec.not_multiple": (
        "num_heads {h} 不是 num_kv_heads {kv} 的倍数",
        "num_heads {h} is not a multiple of num_kv_heads {kv}",
    ),
}

"""The newer drill types (LLM-era: KV-cache bytes, FLOPs, online softmax, RoPE, …): prompts, worked-solution titles, named mistakes."""

# The newer drill types: prompts, worked-solution titles, named mistakes.
MESSAGES = {
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

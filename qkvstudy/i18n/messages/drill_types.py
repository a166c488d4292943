"""Drill types' titles, one-line descriptions and what each level asks (keys drills.type.<id>.*)."""

MESSAGES = {
    # scores
    "drills.type.scores.title": ("注意力分数 QKᵀ", "Attention scores QKᵀ"),
    "drills.type.scores.description": (
        "用 Q 和 K 的点积算分数矩阵 S = Q·Kᵀ（整数）",
        "dot products of Q and K give the score matrix S = Q·Kᵀ (integers)",
    ),
    "drills.type.scores.level1": ("2×2，dₖ = 4", "2×2, dₖ = 4"),
    "drills.type.scores.level2": ("3×3，dₖ = 4", "3×3, dₖ = 4"),
    "drills.type.scores.level3": ("3×4，dₖ = 4", "3×4, dₖ = 4"),
    # scaled_scores
    "drills.type.scaled_scores.title": ("缩放分数 QKᵀ/√dₖ", "Scaled scores QKᵀ/√dₖ"),
    "drills.type.scaled_scores.description": (
        "分数再除以 √dₖ，看清为什么要缩放 (scaled dot-product)",
        "divide the scores by √dₖ and see why we scale (scaled dot-product)",
    ),
    "drills.type.scaled_scores.level1": ("2×2，dₖ = 4", "2×2, dₖ = 4"),
    "drills.type.scaled_scores.level2": ("3×3，dₖ = 4", "3×3, dₖ = 4"),
    "drills.type.scaled_scores.level3": ("3×3，dₖ = 9 或 16", "3×3, dₖ = 9 or 16"),
    # weights_row
    "drills.type.weights_row.title": ("一行注意力权重", "One row of attention weights"),
    "drills.type.weights_row.description": (
        "对一个 token 的分数做 softmax，得到它的一行权重",
        "softmax of one token's scores gives its row of weights",
    ),
    "drills.type.weights_row.level1": ("给出分数 S，2 个 query × 3 个 key", "scores S given, 2 queries × 3 keys"),
    "drills.type.weights_row.level2": ("从 Q、K 算起，3 个 key", "from Q and K, 3 keys"),
    "drills.type.weights_row.level3": ("从 Q、K 算起，4 个 key，dₖ = 9", "from Q and K, 4 keys, dₖ = 9"),
    # weights
    "drills.type.weights.title": ("注意力权重矩阵", "Attention weight matrix"),
    "drills.type.weights.description": (
        "整个 softmax(QKᵀ/√dₖ) 权重矩阵，按行 softmax",
        "the whole softmax(QKᵀ/√dₖ) weight matrix, softmax per row",
    ),
    "drills.type.weights.level1": ("给出分数 S，2×2", "scores S given, 2×2"),
    "drills.type.weights.level2": ("从 Q、K 算起，2×3", "from Q and K, 2×3"),
    "drills.type.weights.level3": ("从 Q、K 算起，3×3，dₖ = 9", "from Q and K, 3×3, dₖ = 9"),
    # argmax_key
    "drills.type.argmax_key.title": ("最关注哪个 key", "Which key gets the most attention"),
    "drills.type.argmax_key.description": (
        "token i 的注意力最大落在哪个 key 上（填编号，从 0 开始）",
        "the key token i attends to most (its index, from 0)",
    ),
    "drills.type.argmax_key.level1": ("给出分数 S", "scores S given"),
    "drills.type.argmax_key.level2": ("从 Q、K 算起", "from Q and K"),
    "drills.type.argmax_key.level3": ("每个 token 各答一个", "one answer per token"),
    # temperature
    "drills.type.temperature.title": ("温度 Temperature", "Temperature"),
    "drills.type.temperature.description": (
        "softmax(S/T)：温度越高越平、越低越尖",
        "softmax(S/T): a higher temperature is flatter, a lower one sharper",
    ),
    "drills.type.temperature.level1": ("一行，T = 0.5 或 2", "one row, T = 0.5 or 2"),
    "drills.type.temperature.level2": ("两行", "two rows"),
    "drills.type.temperature.level3": ("同一行在两个温度下", "one row at two temperatures"),
    # output
    "drills.type.output.title": ("注意力输出 A·V", "Attention output A·V"),
    "drills.type.output.description": (
        "用权重对 V 的各行加权求和，得到输出 O = A·V",
        "the weighted sum of V's rows gives the output O = A·V",
    ),
    "drills.type.output.level1": ("给出 A，2×2", "A given, 2×2"),
    "drills.type.output.level2": ("给出 A，3×3", "A given, 3×3"),
    "drills.type.output.level3": ("从 Q、K、V 算起", "from Q, K and V"),
    # causal_mask
    "drills.type.causal_mask.title": ("因果掩码 Causal mask", "Causal mask"),
    "drills.type.causal_mask.description": (
        "token i 只能看 j ≤ i：掩码填 −∞，再 softmax",
        "token i sees only j ≤ i: masked cells get −∞, then softmax",
    ),
    "drills.type.causal_mask.level1": ("给已缩放的分数填 −∞", "fill −∞ into scaled scores"),
    "drills.type.causal_mask.level2": ("带掩码的权重 3×3", "masked weights 3×3"),
    "drills.type.causal_mask.level3": ("带掩码的权重 4×4，dₖ = 9", "masked weights 4×4, dₖ = 9"),
    # padding_mask
    "drills.type.padding_mask.title": ("填充掩码 Padding mask", "Padding mask"),
    "drills.type.padding_mask.description": (
        "padding 的 key 不能被关注（True = 可以关注，PyTorch SDPA 约定）",
        "padding keys cannot be attended (True = may attend, the PyTorch SDPA convention)",
    ),
    "drills.type.padding_mask.level1": ("给出已缩放分数，1 个 padding", "scaled scores given, 1 padding"),
    "drills.type.padding_mask.level2": ("从 Q、K 算起，2×4", "from Q and K, 2×4"),
    "drills.type.padding_mask.level3": ("从 Q、K 算起，3×4，1–2 个 padding", "from Q and K, 3×4, 1–2 paddings"),
    # qkv_projection
    "drills.type.qkv_projection.title": ("QKV 投影 Projection", "QKV projection"),
    "drills.type.qkv_projection.description": (
        "Q = X·W_Q、K = X·W_K、V = X·W_V（行约定 row convention）",
        "Q = X·W_Q, K = X·W_K, V = X·W_V (row convention)",
    ),
    "drills.type.qkv_projection.level1": ("X 2×2，求 Q", "X 2×2, find Q"),
    "drills.type.qkv_projection.level2": ("X 2×3，求 Q/K/V 之一", "X 2×3, find one of Q/K/V"),
    "drills.type.qkv_projection.level3": ("X 3×4，求 Q/K/V 之一", "X 3×4, find one of Q/K/V"),
    # symmetry
    "drills.type.symmetry.title": ("分数矩阵对称吗 Symmetry", "Is the score matrix symmetric?"),
    "drills.type.symmetry.description": (
        "Q = K（共享投影）时 QKᵀ 对称，但 softmax 后的权重一般不对称",
        "with Q = K (a shared projection) QKᵀ is symmetric, but the softmax weights usually are not",
    ),
    "drills.type.symmetry.level1": ("给出 Q、K", "Q and K given"),
    "drills.type.symmetry.level2": ("给出 X、W_Q、W_K", "X, W_Q and W_K given"),
    "drills.type.symmetry.level3": ("分数和权重各问一次", "asked for scores and for weights"),
    # multihead_shapes
    "drills.type.multihead_shapes.title": ("多头形状 Multi-head shapes", "Multi-head shapes"),
    "drills.type.multihead_shapes.description": (
        "拆头 split、转置 transpose、GQA 之后的张量形状",
        "tensor shapes after split, transpose and GQA",
    ),
    "drills.type.multihead_shapes.level1": ("d_head", "d_head"),
    "drills.type.multihead_shapes.level2": ("拆头后 Q 的形状", "shape of Q after the split"),
    "drills.type.multihead_shapes.level3": ("GQA：Q、K、权重的形状", "GQA: shapes of Q, K and the weights"),
    # gqa_mapping
    "drills.type.gqa_mapping.title": ("GQA 头映射", "GQA head mapping"),
    "drills.type.gqa_mapping.description": (
        "分组查询注意力：query 头 h 用第 h // g 个 KV 头",
        "grouped-query attention: query head h uses KV head h // g",
    ),
    "drills.type.gqa_mapping.level1": ("一个 query 头", "one query head"),
    "drills.type.gqa_mapping.level2": ("四个 query 头", "four query heads"),
    "drills.type.gqa_mapping.level3": ("全部 12 或 16 个头", "all 12 or 16 heads"),
    # kv_cache_step
    "drills.type.kv_cache_step.title": ("KV 缓存解码 KV cache", "KV cache decoding"),
    "drills.type.kv_cache_step.description": (
        "解码一步：追加 k_t、v_t，新 token 对全部缓存做注意力",
        "one decode step: append k_t and v_t, the new token attends to the whole cache",
    ),
    "drills.type.kv_cache_step.level1": ("新 token 的权重行", "the new token's weight row"),
    "drills.type.kv_cache_step.level2": ("新 token 的输出", "the new token's output"),
    "drills.type.kv_cache_step.level3": ("输出，dₖ = 9", "output, dₖ = 9"),
    # mask_compose
    "drills.type.mask_compose.title": ("组合掩码 Mask compose", "Mask composition"),
    "drills.type.mask_compose.description": (
        "causal + padding、滑动窗口、decode 时右下对齐",
        "causal + padding, sliding window, bottom-right alignment when decoding",
    ),
    "drills.type.mask_compose.level1": ("causal + padding", "causal + padding"),
    "drills.type.mask_compose.level2": ("sliding window", "sliding window"),
    "drills.type.mask_compose.level3": ("右下对齐 bottom-right", "bottom-right alignment"),
    # stable_softmax
    "drills.type.stable_softmax.title": ("数值稳定 softmax / logsumexp", "Stable softmax / logsumexp"),
    "drills.type.stable_softmax.description": (
        "大 logits：先减最大值，再 e^x；logsumexp 与 log-softmax",
        "large logits: subtract the max, then e^x; logsumexp and log-softmax",
    ),
    "drills.type.stable_softmax.level1": ("logsumexp", "logsumexp"),
    "drills.type.stable_softmax.level2": ("softmax", "softmax"),
    "drills.type.stable_softmax.level3": ("log-softmax", "log-softmax"),
    # online_softmax
    "drills.type.online_softmax.title": (
        "在线 softmax（FlashAttention online softmax）",
        "Online softmax (FlashAttention)",
    ),
    "drills.type.online_softmax.description": (
        "分块的 running max 和 running sum，合并时重新缩放输出",
        "running max and running sum over blocks, rescaling the output when merging",
    ),
    "drills.type.online_softmax.level1": ("合并两块的 m、ℓ", "merge two blocks' m and ℓ"),
    "drills.type.online_softmax.level2": ("从两块分数算起", "from two blocks' scores"),
    "drills.type.online_softmax.level3": ("加上输出 o", "with the output o"),
    # layer_norm
    "drills.type.layer_norm.title": ("层归一化 LayerNorm", "LayerNorm"),
    "drills.type.layer_norm.description": (
        "减均值、除以标准差（÷n），再 γ、β",
        "subtract the mean, divide by the standard deviation (÷n), then γ and β",
    ),
    "drills.type.layer_norm.level1": ("μ 和 σ", "μ and σ"),
    "drills.type.layer_norm.level2": ("x̂", "x̂"),
    "drills.type.layer_norm.level3": ("γ ⊙ x̂ + β", "γ ⊙ x̂ + β"),
    # rms_norm
    "drills.type.rms_norm.title": ("均方根归一化 RMSNorm", "RMSNorm"),
    "drills.type.rms_norm.description": (
        "不减均值：x / √mean(x²)，再乘增益 g",
        "no mean subtraction: x / √mean(x²), then the gain g",
    ),
    "drills.type.rms_norm.level1": ("RMS", "RMS"),
    "drills.type.rms_norm.level2": ("x / RMS", "x / RMS"),
    "drills.type.rms_norm.level3": ("g ⊙ x / RMS", "g ⊙ x / RMS"),
    # rope_rotate
    "drills.type.rope_rotate.title": ("RoPE 旋转", "RoPE rotation"),
    "drills.type.rope_rotate.description": (
        "按位置 m 把二维对旋转 m·θ；q·k 只和 m − n 有关",
        "rotate each 2-D pair by m·θ at position m; q·k depends only on m − n",
    ),
    "drills.type.rope_rotate.level1": ("90° 的倍数", "multiples of 90°"),
    "drills.type.rope_rotate.level2": ("30°/45°/60°", "30°/45°/60°"),
    "drills.type.rope_rotate.level3": ("q·k 与相对位置", "q·k and relative position"),
    # alibi_bias
    "drills.type.alibi_bias.title": ("ALiBi 偏置", "ALiBi bias"),
    "drills.type.alibi_bias.description": (
        "每个头的斜率 2^(−8h/H)，偏置 −m·(i − j)",
        "each head's slope 2^(−8h/H), bias −m·(i − j)",
    ),
    "drills.type.alibi_bias.level1": ("斜率", "slope"),
    "drills.type.alibi_bias.level2": ("偏置矩阵", "bias matrix"),
    "drills.type.alibi_bias.level3": ("分数 + 偏置", "scores + bias"),
    # sinusoidal_pe
    "drills.type.sinusoidal_pe.title": ("正弦位置编码", "Sinusoidal position encoding"),
    "drills.type.sinusoidal_pe.description": (
        "ω_i = 10000^(−2i/d)，偶数维 sin、奇数维 cos",
        "ω_i = 10000^(−2i/d), sin on even dimensions, cos on odd ones",
    ),
    "drills.type.sinusoidal_pe.level1": ("频率 ω", "frequency ω"),
    "drills.type.sinusoidal_pe.level2": ("d = 4 的编码", "the encoding with d = 4"),
    "drills.type.sinusoidal_pe.level3": ("d = 8 的编码", "the encoding with d = 8"),
    # mha_shapes_params
    "drills.type.mha_shapes_params.title": ("多头参数与形状", "Multi-head parameters and shapes"),
    "drills.type.mha_shapes_params.description": (
        "W_Q/W_K/W_V/W_O 的参数量、GQA、cross-attention 的形状",
        "parameter counts of W_Q/W_K/W_V/W_O, GQA, cross-attention shapes",
    ),
    "drills.type.mha_shapes_params.level1": ("MHA 参数量", "MHA parameters"),
    "drills.type.mha_shapes_params.level2": ("GQA 参数量", "GQA parameters"),
    "drills.type.mha_shapes_params.level3": ("cross-attention 形状", "cross-attention shapes"),
    # kv_cache_bytes
    "drills.type.kv_cache_bytes.title": ("KV cache 显存", "KV cache memory"),
    "drills.type.kv_cache_bytes.description": (
        "2 × 层数 × batch × 长度 × KV 头数 × d_head × 字节数",
        "2 × layers × batch × length × KV heads × d_head × bytes",
    ),
    "drills.type.kv_cache_bytes.level1": ("MHA", "MHA"),
    "drills.type.kv_cache_bytes.level2": ("GQA", "GQA"),
    "drills.type.kv_cache_bytes.level3": ("MHA、GQA、MQA 对比", "MHA, GQA and MQA compared"),
    # attention_flops
    "drills.type.attention_flops.title": ("注意力 FLOPs", "Attention FLOPs"),
    "drills.type.attention_flops.description": (
        "2mnk：prefill 是 L² 的，decode 一步是 n 的",
        "2mnk: prefill grows with L², one decode step with n",
    ),
    "drills.type.attention_flops.level1": ("一个头的 Q·Kᵀ", "Q·Kᵀ of one head"),
    "drills.type.attention_flops.level2": ("prefill 一层", "prefill of one layer"),
    "drills.type.attention_flops.level3": ("prefill 与 decode", "prefill and decode"),
}

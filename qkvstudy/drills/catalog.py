"""The drill types, in curriculum order (easy -> hard), with their Chinese titles.

The ids are shared with the scheduler, the notes (```qkvdrill blocks) and the TUI: never rename.
"""

from __future__ import annotations

from .attention_drills import RECIPES as _ATTENTION
from .block_drills import RECIPES as _BLOCKS
from .decode_drills import RECIPES as _DECODE
from .drill import DrillType, Recipe
from .head_drills import RECIPES as _HEADS
from .norm_drills import RECIPES as _NORMS
from .position_drills import RECIPES as _POSITIONS
from .projection_drills import RECIPES as _PROJECTION
from .size_drills import RECIPES as _SIZES

# id, title, one-line description, what levels 1/2/3 ask, seconds per answer cell that count as quick
_TYPES = [
    (
        "scores",
        "注意力分数 QKᵀ",
        "用 Q 和 K 的点积算分数矩阵 S = Q·Kᵀ（整数）",
        ("2×2，d_k = 4", "3×3，d_k = 4", "3×4，d_k = 4"),
        8,
    ),
    (
        "scaled_scores",
        "缩放分数 QKᵀ/√d_k",
        "分数再除以 √d_k，看清为什么要缩放 (scaled dot-product)",
        ("2×2，d_k = 4", "3×3，d_k = 4", "3×3，d_k = 9 或 16"),
        10,
    ),
    (
        "weights_row",
        "一行注意力权重",
        "对一个 token 的分数做 softmax，得到它的一行权重",
        ("给出分数 S，2 个 query × 3 个 key", "从 Q、K 算起，3 个 key", "从 Q、K 算起，4 个 key，d_k = 9"),
        15,
    ),
    (
        "weights",
        "注意力权重矩阵",
        "整个 softmax(QKᵀ/√d_k) 权重矩阵，按行 softmax",
        ("给出分数 S，2×2", "从 Q、K 算起，2×3", "从 Q、K 算起，3×3，d_k = 9"),
        15,
    ),
    (
        "argmax_key",
        "最关注哪个 key",
        "token i 的注意力最大落在哪个 key 上（填编号，从 0 开始）",
        ("给出分数 S", "从 Q、K 算起", "每个 token 各答一个"),
        8,
    ),
    (
        "temperature",
        "温度 Temperature",
        "softmax(S/T)：温度越高越平、越低越尖",
        ("一行，T = 0.5 或 2", "两行", "同一行在两个温度下"),
        15,
    ),
    (
        "output",
        "注意力输出 A·V",
        "用权重对 V 的各行加权求和，得到输出 O = A·V",
        ("给出 A，2×2", "给出 A，3×3", "从 Q、K、V 算起"),
        12,
    ),
    (
        "causal_mask",
        "因果掩码 Causal mask",
        "token i 只能看 j ≤ i：掩码填 −∞，再 softmax",
        ("给已缩放的分数填 −∞", "带掩码的权重 3×3", "带掩码的权重 4×4，d_k = 9"),
        12,
    ),
    (
        "padding_mask",
        "填充掩码 Padding mask",
        "padding 的 key 不能被关注（True = 可以关注，PyTorch SDPA 约定）",
        ("给出已缩放分数，1 个 padding", "从 Q、K 算起，2×4", "从 Q、K 算起，3×4，1–2 个 padding"),
        15,
    ),
    (
        "qkv_projection",
        "QKV 投影 Projection",
        "Q = X·W_Q、K = X·W_K、V = X·W_V（行约定 row convention）",
        ("X 2×2，求 Q", "X 2×3，求 Q/K/V 之一", "X 3×4，求 Q/K/V 之一"),
        8,
    ),
    (
        "symmetry",
        "分数矩阵对称吗 Symmetry",
        "Q = K（共享投影）时 QKᵀ 对称，但 softmax 后的权重一般不对称",
        ("给出 Q、K", "给出 X、W_Q、W_K", "分数和权重各问一次"),
        30,
    ),
    (
        "multihead_shapes",
        "多头形状 Multi-head shapes",
        "拆头 split、转置 transpose、GQA 之后的张量形状",
        ("d_head", "拆头后 Q 的形状", "GQA：Q、K、权重的形状"),
        10,
    ),
    (
        "gqa_mapping",
        "GQA 头映射",
        "分组查询注意力：query 头 h 用第 h // g 个 KV 头",
        ("一个 query 头", "四个 query 头", "全部 12 或 16 个头"),
        5,
    ),
    (
        "kv_cache_step",
        "KV 缓存解码 KV cache",
        "解码一步：追加 k_t、v_t，新 token 对全部缓存做注意力",
        ("新 token 的权重行", "新 token 的输出", "输出，d_k = 9"),
        20,
    ),
    (
        "mask_compose",
        "组合掩码 Mask compose",
        "causal + padding、滑动窗口、decode 时右下对齐",
        ("causal + padding", "sliding window", "右下对齐 bottom-right"),
        4,
    ),
    (
        "stable_softmax",
        "数值稳定 softmax / logsumexp",
        "大 logits：先减最大值，再 e^x；logsumexp 与 log-softmax",
        ("logsumexp", "softmax", "log-softmax"),
        20,
    ),
    (
        "online_softmax",
        "在线 softmax（FlashAttention online softmax）",
        "分块的 running max 和 running sum，合并时重新缩放输出",
        ("合并两块的 m、ℓ", "从两块分数算起", "加上输出 o"),
        30,
    ),
    (
        "layer_norm",
        "层归一化 LayerNorm",
        "减均值、除以标准差（÷n），再 γ、β",
        ("μ 和 σ", "x̂", "γ ⊙ x̂ + β"),
        15,
    ),
    (
        "rms_norm",
        "均方根归一化 RMSNorm",
        "不减均值：x / √mean(x²)，再乘增益 g",
        ("RMS", "x / RMS", "g ⊙ x / RMS"),
        15,
    ),
    (
        "rope_rotate",
        "RoPE 旋转",
        "按位置 m 把二维对旋转 m·θ；q·k 只和 m − n 有关",
        ("90° 的倍数", "30°/45°/60°", "q·k 与相对位置"),
        30,
    ),
    (
        "alibi_bias",
        "ALiBi 偏置",
        "每个头的斜率 2^(−8h/H)，偏置 −m·(i − j)",
        ("斜率", "偏置矩阵", "分数 + 偏置"),
        10,
    ),
    (
        "sinusoidal_pe",
        "正弦位置编码",
        "ω_i = 10000^(−2i/d)，偶数维 sin、奇数维 cos",
        ("频率 ω", "d = 4 的编码", "d = 8 的编码"),
        15,
    ),
    (
        "mha_shapes_params",
        "多头参数与形状",
        "W_Q/W_K/W_V/W_O 的参数量、GQA、cross-attention 的形状",
        ("MHA 参数量", "GQA 参数量", "cross-attention 形状"),
        20,
    ),
    (
        "kv_cache_bytes",
        "KV cache 显存",
        "2 × 层数 × batch × 长度 × KV 头数 × d_head × 字节数",
        ("MHA", "GQA", "MHA、GQA、MQA 对比"),
        30,
    ),
    (
        "attention_flops",
        "注意力 FLOPs",
        "2mnk：prefill 是 L² 的，decode 一步是 n 的",
        ("一个头的 Q·Kᵀ", "prefill 一层", "prefill 与 decode"),
        30,
    ),
]

# The bundled note that explains each type (notes/<path>), shown with the drill.
NOTES = {
    "scores": "Transformer/QKV是什么.md",
    "scaled_scores": "Transformer/为什么要除以根号dk.md",
    "weights_row": "Transformer/QKV是什么.md",
    "weights": "Transformer/QKV是什么.md",
    "argmax_key": "Transformer/QKV是什么.md",
    "temperature": "Transformer/Softmax温度与缩放.md",
    "output": "Transformer/QKV是什么.md",
    "causal_mask": "Transformer/因果掩码.md",
    "padding_mask": "Transformer/Padding掩码.md",
    "qkv_projection": "Transformer/Query、Key、Value的概念来源和物理意义.md",
    "symmetry": "Transformer/注意力矩阵是否对称.md",
    "multihead_shapes": "Transformer/多头注意力.md",
    "gqa_mapping": "Attention变体/GQA与MQA.md",
    "kv_cache_step": "推理优化/KVCache原理.md",
    "mask_compose": "Transformer/因果掩码.md",
    "stable_softmax": "Transformer/Softmax数值稳定性.md",
    "online_softmax": "Attention变体/FlashAttention原理.md",
    "layer_norm": "Transformer/Pre-LN与Post-LN.md",
    "rms_norm": "Transformer/RMSNorm.md",
    "rope_rotate": "位置编码/RoPE旋转位置编码.md",
    "alibi_bias": "位置编码/ALiBi与相对位置编码.md",
    "sinusoidal_pe": "位置编码/正弦位置编码.md",
    "mha_shapes_params": "Transformer/多头注意力.md",
    "kv_cache_bytes": "推理优化/KVCache原理.md",
    "attention_flops": "推理优化/Prefill与Decode.md",
}

DRILL_TYPES: dict[str, DrillType] = {
    id_: DrillType(id_, title, description, (1, 2, 3), notes, order, float(pace))
    for order, (id_, title, description, notes, pace) in enumerate(_TYPES)
}

RECIPES: dict[str, Recipe] = _ATTENTION | _DECODE | _PROJECTION | _HEADS | _SIZES | _NORMS | _POSITIONS | _BLOCKS

assert set(RECIPES) == set(DRILL_TYPES), "every drill type needs a recipe"


def known_types() -> str:
    return ", ".join(DRILL_TYPES)

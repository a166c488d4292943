"""The drill types' registry: ids in curriculum order, their pace, their note; no NumPy.

Opening a Study ensures one card per drill type, and `grade`, `due` and the queue show drill
titles: they read this module, which must stay free of NumPy (the recipes are in `catalog`).
The ids are shared with the scheduler, the notes (```qkvdrill blocks) and the TUI: never rename.
"""

from __future__ import annotations

from dataclasses import dataclass

from qkvstudy.i18n import t


@dataclass(frozen=True)
class DrillType:
    """One kind of drill as the catalog lists it.

    Its words come from the message catalog (keys drills.type.<id>.*) when read, not when the
    catalog is built at import: the language is set at start-up, after the import.
    """

    id: str
    levels: tuple[int, ...] = (1, 2, 3)
    order: int = 0  # position in the curriculum, easy -> hard
    seconds_per_cell: float = 10.0  # pace that counts as "quick" (proposes Easy)

    @property
    def title(self) -> str:
        return t(f"drills.type.{self.id}.title")

    @property
    def description(self) -> str:
        return t(f"drills.type.{self.id}.description")

    @property
    def level_notes(self) -> tuple[str, ...]:
        """What each level asks, same order as `levels`."""
        return tuple(t(f"drills.type.{self.id}.level{level}") for level in self.levels)


# id and seconds per answer cell that count as quick, in curriculum order; the words are in
# qkvstudy/i18n/messages/drill_types.py (drills.type.<id>.title/description/level1..3)
_TYPES = [
    ("scores", 8),
    ("scaled_scores", 10),
    ("weights_row", 15),
    ("weights", 15),
    ("argmax_key", 8),
    ("temperature", 15),
    ("output", 12),
    ("causal_mask", 12),
    ("padding_mask", 15),
    ("qkv_projection", 8),
    ("symmetry", 30),
    ("multihead_shapes", 10),
    ("gqa_mapping", 5),
    ("kv_cache_step", 20),
    ("mask_compose", 4),
    ("stable_softmax", 20),
    ("online_softmax", 30),
    ("layer_norm", 15),
    ("rms_norm", 15),
    ("rope_rotate", 30),
    ("alibi_bias", 10),
    ("sinusoidal_pe", 15),
    ("mha_shapes_params", 20),
    ("kv_cache_bytes", 30),
    ("attention_flops", 30),
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
    id_: DrillType(id_, (1, 2, 3), order, float(pace)) for order, (id_, pace) in enumerate(_TYPES)
}


def known_types() -> str:
    return ", ".join(DRILL_TYPES)

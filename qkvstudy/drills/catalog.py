"""The drill types with their recipes (NumPy): the ids, order and notes are in `registry`.

The ids are shared with the scheduler, the notes (```qkvdrill blocks) and the TUI: never rename.
"""

from __future__ import annotations

from .attention_drills import RECIPES as _ATTENTION
from .block_drills import RECIPES as _BLOCKS
from .decode_drills import RECIPES as _DECODE
from .drill import Recipe
from .head_drills import RECIPES as _HEADS
from .norm_drills import RECIPES as _NORMS
from .position_drills import RECIPES as _POSITIONS
from .projection_drills import RECIPES as _PROJECTION
from .registry import DRILL_TYPES, NOTES, DrillType, known_types
from .size_drills import RECIPES as _SIZES

__all__ = ["DRILL_TYPES", "NOTES", "RECIPES", "DrillType", "known_types"]

RECIPES: dict[str, Recipe] = _ATTENTION | _DECODE | _PROJECTION | _HEADS | _SIZES | _NORMS | _POSITIONS | _BLOCKS

assert set(RECIPES) == set(DRILL_TYPES), "every drill type needs a recipe"

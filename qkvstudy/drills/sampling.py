"""Numbers a person can handle on paper, and the rules that keep a drill humane.

Drills use small integers, d_k in {1, 4, 9, 16} so √d_k is whole, and scores that do not
saturate softmax (a one-hot row teaches nothing and hides mistakes). Generators draw,
test with `humane`, and draw again; every draw comes from one seeded generator, so a drill
is reproducible from its seed. A note's spec may fix some matrices: `Source` hands those out
instead of random ones and the generator fills in the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from qkvstudy.errors import QkvError

from .attention import softmax

MAX_SPAN = 4.0  # widest spread of the scaled scores an unmasked row may have
MAX_WEIGHT = 0.95  # above this a row is as good as one-hot
MAX_TRIES = 2000

T = TypeVar("T")


class SpecConflict(QkvError, ValueError):
    """A spec's fixed matrices or options cannot make this drill; the message is one line.

    `key` names the spec key at fault, so the note's line can be reported.
    """

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


def humane(scaled: np.ndarray, allowed: np.ndarray | None = None) -> bool:
    """True when every row can attend somewhere, spans <= MAX_SPAN and does not saturate.

    A row with a single key it may attend (the first row under a causal mask) is exempt from
    the weight limit: its weight is 1 by construction.
    """
    scaled = np.atleast_2d(scaled)
    allowed = np.ones(scaled.shape, bool) if allowed is None else np.broadcast_to(allowed, scaled.shape)
    for row, keep in zip(scaled, allowed):
        vals = row[keep]
        if vals.size == 0:
            return False
        if vals.size > 1 and (np.ptp(vals) > MAX_SPAN or softmax(vals).max() > MAX_WEIGHT):
            return False
    return True


class Source:
    """Where a drill's numbers come from: a seeded generator, or the spec's fixed values."""

    def __init__(
        self,
        rng: np.random.Generator,
        fixed: dict[str, np.ndarray] | None = None,
        options: dict[str, Any] | None = None,
    ):
        self.rng = rng
        self.fixed = dict(fixed or {})
        self.options = dict(options or {})

    def has(self, *names: str) -> bool:
        return any(n in self.fixed for n in names)

    def dim(self, default: int, *where: tuple[str, int]) -> int:
        """The size a fixed matrix dictates (first of `(name, axis)` present), else `default`."""
        for name, axis in where:
            if name in self.fixed:
                return int(self.fixed[name].shape[axis])
        return default

    def ints(self, name: str, shape: tuple[int, ...], low: int, high: int, zero_share: float = 0.0) -> np.ndarray:
        """Integers in [low, high] (a share of them zero, for sparse long vectors), or the fixed matrix."""
        if name in self.fixed:
            m = np.asarray(self.fixed[name], dtype=np.float64)
            if m.shape != tuple(shape):
                raise SpecConflict(
                    f"matrix {name} is {_dims(m.shape)}, expected {_dims(shape)} to fit the other matrices", name
                )
            return m
        m = self.rng.integers(low, high + 1, size=shape).astype(np.float64)
        if zero_share:
            m[self.rng.random(shape) < zero_share] = 0.0
        return m

    def pick(self, options: Any) -> Any:
        return options[int(self.rng.integers(len(options)))]

    def option(self, name: str, default: Any) -> Any:
        return self.options.get(name, default)

    def retry(self, make: Callable[[], T], ok: Callable[[T], bool], names: tuple[str, ...] = ()) -> T:
        """Draw with `make` until `ok`. Numbers a spec fixed are taken as the author wrote them."""
        if names and all(n in self.fixed for n in names):
            return make()
        for _ in range(MAX_TRIES):
            candidate = make()
            if ok(candidate):
                return candidate
        if self.fixed:
            return candidate  # the spec's numbers leave no humane completion; honour them
        raise RuntimeError("drill generator could not meet its constraints")  # a bug, not user error


def _dims(shape: Any) -> str:
    return "×".join(str(n) for n in shape)


def tenths_rows(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    """Attention-like weight rows in steps of 0.1: each >= 0.1, at most 0.7, summing to 1."""
    out = np.ones((rows, cols))
    for r in range(rows if cols > 1 else 0):
        while True:
            parts = rng.multinomial(10 - cols, [1 / cols] * cols) + 1
            if parts.max() <= 7:
                break
        out[r] = parts / 10
    return out


def nonzero_rows(*ms: np.ndarray) -> bool:
    """No all-zero row: a zero query or key makes a drill degenerate."""
    return all(bool(np.all(np.any(m != 0, axis=-1))) for m in ms)

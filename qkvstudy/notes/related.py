"""Which notes are related: TF-IDF similarity over words and tags, on sparse matrices.

A note is a `Document` (its library path, title, tags and text). Words come from rjieba (a
maintained Rust port of jieba) without its HMM pass: the dictionary alone cuts technical Chinese
well, runs about 1.5x faster, and gives the same words for the same text. English words and
identifiers (softmax, kv_cache, d_k) are kept whole, lower-cased. One-character Chinese words are
mostly particles (的, 是, 和) and are dropped; IDF weighs down the rest of the common words.

Each note's vector is its sublinear TF-IDF over words (the title counted `TITLE_WEIGHT` times),
L2-normalised, joined with its tag vector so that cosine similarity is
`(1 - TAG_SHARE) * text cosine + TAG_SHARE * tag cosine`. A tag that only one note carries (the
`Topic/file.md` tag the seed format adds) cannot link anything and is left out.

Similarity is a cosine, hence symmetric; it is rounded to 1e-9 before ranking so that the sum's
order cannot make sim(a, b) and sim(b, a) differ, and ties are broken by path, so the same library
always gives the same ranking. The all-pairs product runs in row blocks of a sparse matrix product:
no Python loop over pairs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import rjieba
from scipy import sparse

__all__ = ["Document", "Neighbour", "RelatedIndex", "words"]

TITLE_WEIGHT = 3  # the question says what a note is about better than any paragraph
TAG_SHARE = 0.15  # a shared topic adds up to 15 points; words decide the rest
BLOCK_ROWS = 512  # rows of the similarity matrix made dense at a time (512 x 10,000 floats = 40 MB)

_LATIN = re.compile(r"[a-z][a-z0-9_]*")
_HAS_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Words so common in Chinese technical prose that they only add noise (IDF is not enough in a
# small library, where they can look rare).
_STOP = frozenset(
    "什么 为什么 怎么 如何 一个 一种 我们 你们 他们 可以 这个 那个 这些 那些 就是 因为 所以 如果 但是 而且 或者 "
    "以及 进行 通过 需要 使用 没有 不是 还是 这样 那么 其中 可能 时候 之间 然后 以下 以上 问题 答案 面试 标准答案 "
    "详细 技术 解析 the and for with this that are from into"
    .split()
)


def words(text: str) -> list[str]:
    """The words of `text` that carry meaning: Chinese words of 2+ characters, Latin words."""
    out: list[str] = []
    for token in rjieba.cut(text.lower(), False):
        if _HAS_CJK.match(token):
            if len(token) > 1 and token not in _STOP:
                out.append(token)
        elif len(token) > 1 and token[0].isascii() and _LATIN.fullmatch(token) and token not in _STOP:
            out.append(token)
    return out


@dataclass(frozen=True)
class Document:
    path: str  # library-relative, '/'-separated
    title: str
    tags: tuple[str, ...]
    text: str  # everything but the related section


@dataclass(frozen=True)
class Neighbour:
    path: str
    title: str
    tags: tuple[str, ...]
    percent: int  # similarity, 0-100
    score: float  # the cosine itself, for ordering


def _tfidf(rows: list[Counter[str]], n_docs: int) -> sparse.csr_matrix:
    """Sublinear TF-IDF, each row L2-normalised; vocabulary in first-seen order (deterministic)."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    counts: list[float] = []
    for counter in rows:
        for term, count in counter.items():
            indices.append(vocab.setdefault(term, len(vocab)))
            counts.append(count)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(counts, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(len(rows), max(len(vocab), 1)),
    )
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + n_docs) / (1 + df)) + 1.0
    matrix.data = (1.0 + np.log(matrix.data)) * idf[matrix.indices]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


class RelatedIndex:
    """Similarity between the notes of one library; build once, ask for any note's neighbours."""

    def __init__(self, documents: Iterable[Document]):
        self.documents: list[Document] = sorted(documents, key=lambda d: d.path)
        self.position = {d.path: i for i, d in enumerate(self.documents)}
        n = len(self.documents)
        text_rows = []
        for doc in self.documents:
            counter = Counter(words(doc.text))
            for word in words(doc.title):
                counter[word] += TITLE_WEIGHT
            text_rows.append(counter)
        tag_df = Counter(tag for doc in self.documents for tag in set(doc.tags))
        tag_rows = [Counter({t: 1 for t in doc.tags if tag_df[t] > 1}) for doc in self.documents]
        text = _tfidf(text_rows, n)
        tags = _tfidf(tag_rows, n)
        self.matrix = sparse.csr_matrix(
            sparse.hstack([text * math.sqrt(1 - TAG_SHARE), tags * math.sqrt(TAG_SHARE)], format="csr")
        )
        self._transposed = sparse.csr_matrix(self.matrix.T)

    def __len__(self) -> int:
        return len(self.documents)

    def similarity(self, a: str, b: str) -> float:
        i, j = self.position[a], self.position[b]
        return round(float(self.matrix[i].multiply(self.matrix[j]).sum()), 9)

    def neighbours(self, path: str, top: int = 5, min_percent: int = 10) -> list[Neighbour]:
        """The `top` notes most similar to the note at `path` (at least `min_percent`), best first."""
        i = self.position.get(path)
        if i is None:
            return []
        return self._block(i, i + 1, top, min_percent)[0]

    def all_neighbours(
        self, top: int = 5, min_percent: int = 10, only: Sequence[str] | None = None
    ) -> dict[str, list[Neighbour]]:
        """Every note's neighbours (or only those of the notes at `only`), in blocks of rows."""
        rows = sorted(self.position[p] for p in only if p in self.position) if only is not None else None
        result: dict[str, list[Neighbour]] = {}
        if rows is None:
            for start in range(0, len(self.documents), BLOCK_ROWS):
                stop = min(start + BLOCK_ROWS, len(self.documents))
                for offset, found in enumerate(self._block(start, stop, top, min_percent)):
                    result[self.documents[start + offset].path] = found
        else:
            for i in rows:
                result[self.documents[i].path] = self._block(i, i + 1, top, min_percent)[0]
        return result

    def _block(self, start: int, stop: int, top: int, min_percent: int) -> list[list[Neighbour]]:
        n = len(self.documents)
        if top <= 0 or n < 2:
            return [[] for _ in range(start, stop)]
        scores = (self.matrix[start:stop] @ self._transposed).toarray()
        np.round(scores, 9, out=scores)
        scores[np.arange(stop - start), np.arange(start, stop)] = -1.0  # never yourself
        k = min(top, n - 1)
        # the k best per row (any order), then sorted by score, ties by path (= column order)
        candidates = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < n else np.argsort(-scores, axis=1)
        out = []
        for r, cols in enumerate(candidates):
            cols = cols[np.lexsort((cols, -scores[r, cols]))]
            found = []
            for c in cols:
                score = float(scores[r, c])
                percent = int(math.floor(score * 100 + 0.5))
                if percent < min_percent or score <= 0:
                    continue
                doc = self.documents[c]
                found.append(Neighbour(doc.path, doc.title, doc.tags, percent, score))
            out.append(found)
        return out

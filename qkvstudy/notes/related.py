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
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

import numpy as np
import rjieba
from scipy import sparse

__all__ = ["Document", "Neighbour", "RelatedIndex", "words"]

TITLE_WEIGHT = 3  # the question says what a note is about better than any paragraph
TAG_SHARE = 0.15  # a shared topic adds up to 15 points; words decide the rest
MAX_DENSE_COLUMNS = 4096  # 10,000 notes x 4,096 words x 8 bytes = 330 MB at most
DENSE_SPEEDUP = 40.0  # a dense multiply-add (BLAS) against a sparse one (scipy), measured here
PARALLEL_FROM = 2000  # notes; below this a process pool costs more than it saves
BLOCK_ROWS = 512  # rows of the similarity matrix made dense at a time (512 x 10,000 floats = 40 MB)

_LATIN = re.compile(r"(?<![a-z0-9_])[a-z][a-z0-9_]*")
_NOT_CJK = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]+")
# Words so common in Chinese technical prose that they only add noise (IDF is not enough in a
# small library, where they can look rare).
_STOP = frozenset(
    [
        "什么",
        "为什么",
        "怎么",
        "如何",
        "一个",
        "一种",
        "我们",
        "你们",
        "他们",
        "可以",
        "这个",
        "那个",
        "这些",
        "那些",
        "就是",
        "因为",
        "所以",
        "如果",
        "但是",
        "而且",
        "或者",
        "以及",
        "进行",
        "通过",
        "需要",
        "使用",
        "没有",
        "不是",
        "还是",
        "这样",
        "那么",
        "其中",
        "可能",
        "时候",
        "之间",
        "然后",
        "以下",
        "以上",
        "问题",
        "答案",
        "面试",
        "标准答案",
        "详细",
        "技术",
        "解析",
        "the",
        "and",
        "for",
        "with",
        "this",
        "that",
        "are",
        "from",
        "into",
    ]
)


def words(text: str) -> list[str]:
    """The words of `text` that carry meaning: Chinese words of 2+ characters, Latin words."""
    text = text.lower()
    out = [w for w in _LATIN.findall(text) if len(w) > 1 and w not in _STOP]
    chinese = _NOT_CJK.sub(" ", text)  # identifiers stay whole: jieba would cut kv_cache in three
    out.extend(w for w in rjieba.cut(chinese, False) if len(w) > 1 and w not in _STOP and w[0] != " ")
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


def _document_words(doc: Document) -> Counter[str]:
    counter = Counter(words(doc.text))
    for word in words(doc.title):
        counter[word] += TITLE_WEIGHT
    return counter


def _count_words(documents: list[Document]) -> list[Counter[str]]:
    """Word counts of every note; on both cores for a big library when forking is safe (no threads)."""
    cpus = os.cpu_count() or 1
    if len(documents) < PARALLEL_FROM or cpus < 2 or threading.active_count() > 1:
        return [_document_words(doc) for doc in documents]
    with ProcessPoolExecutor(max_workers=min(cpus, 4), mp_context=get_context("fork")) as pool:
        return list(pool.map(_document_words, documents, chunksize=256))


class RelatedIndex:
    """Similarity between the notes of one library; build once, ask for any note's neighbours."""

    def __init__(self, documents: Iterable[Document]):
        self.documents: list[Document] = sorted(documents, key=lambda d: d.path)
        self.position = {d.path: i for i, d in enumerate(self.documents)}
        n = len(self.documents)
        text_rows = _count_words(self.documents)
        tag_df = Counter(tag for doc in self.documents for tag in set(doc.tags))
        tag_rows = [Counter({t: 1 for t in doc.tags if tag_df[t] > 1}) for doc in self.documents]
        text = _tfidf(text_rows, n)
        tags = _tfidf(tag_rows, n)
        self.matrix = sparse.csr_matrix(
            sparse.hstack([text * math.sqrt(1 - TAG_SHARE), tags * math.sqrt(TAG_SHARE)], format="csr")
        )
        self._split_columns()

    def _split_columns(self) -> None:
        """Frequent words go to a dense matrix (BLAS), the rest stay sparse; the product is exact.

        A sparse product costs about the sum of df^2 over the words (every pair of notes sharing a
        word), which the few words most notes share dominate; a dense product costs n^2 per word
        but runs ~DENSE_SPEEDUP times faster. The split point minimises the sum of the two.
        """
        n, n_cols = self.matrix.shape
        df = np.bincount(self.matrix.indices, minlength=n_cols).astype(np.float64)
        order = np.argsort(-df, kind="stable")
        limit = min(n_cols, MAX_DENSE_COLUMNS)
        sparse_cost = np.concatenate([np.cumsum((df[order] ** 2)[::-1])[::-1], [0.0]])[: limit + 1]
        dense_cost = np.arange(limit + 1) * (float(n) * n / DENSE_SPEEDUP)
        k = int(np.argmin(sparse_cost + dense_cost))
        dense_cols, sparse_cols = np.sort(order[:k]), np.sort(order[k:])
        self._dense = self.matrix[:, dense_cols].toarray() if k else None
        self._sparse = sparse.csr_matrix(self.matrix[:, sparse_cols])
        self._sparse_t = sparse.csr_matrix(self._sparse.T)

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
        if self._dense is not None:
            scores = self._dense[start:stop] @ self._dense.T
            if self._sparse.nnz:
                scores += (self._sparse[start:stop] @ self._sparse_t).toarray()
        else:
            scores = (self._sparse[start:stop] @ self._sparse_t).toarray()
        scores[np.arange(stop - start), np.arange(start, stop)] = -1.0  # never yourself
        k = min(top, n - 1)
        cols = np.argpartition(scores, n - k, axis=1)[:, n - k :]
        # rounded so that the order of a sum cannot make sim(a, b) and sim(b, a) differ
        best = np.round(np.take_along_axis(scores, cols, axis=1), 9)
        order = np.lexsort((cols, -best), axis=-1)  # by score, ties by path (= column order)
        cols, best = np.take_along_axis(cols, order, axis=1), np.take_along_axis(best, order, axis=1)
        percents = np.floor(best * 100 + 0.5).astype(np.int64)
        keep = (percents >= min_percent) & (best > 0)
        out = []
        for r in range(stop - start):
            found = []
            for c, score, percent in zip(cols[r][keep[r]], best[r][keep[r]], percents[r][keep[r]]):
                doc = self.documents[c]
                found.append(Neighbour(doc.path, doc.title, doc.tags, int(percent), float(score)))
            out.append(found)
        return out

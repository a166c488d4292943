"""The similarity model: Chinese-aware words, symmetric and stable scores, top-K without yourself."""

from hypothesis import given
from hypothesis import strategies as st

from qkvstudy.notes.related import Document, RelatedIndex, words


def test_words_are_chinese_words_and_latin_identifiers():
    found = words("因果掩码防止模型看到未来的token，Softmax 之前加上 -inf，kv_cache 也要这样。")
    assert "因果" in found or "因果掩码" in found
    assert "softmax" in found and "kv_cache" in found and "token" in found
    assert "的" not in found and "也" not in found  # one-character particles carry nothing
    assert all(w == w.lower() for w in found)


def _library() -> list[Document]:
    return [
        Document("T/causal.md", "因果掩码", ("T",), "因果掩码 上三角 softmax 之前 负无穷 解码器 自回归"),
        Document("T/padding.md", "Padding掩码", ("T",), "padding 掩码 softmax 之前 负无穷 变长 序列 批处理"),
        Document("P/rope.md", "RoPE旋转位置编码", ("P",), "旋转 位置编码 相对位置 复数 频率 外推"),
        Document("P/sin.md", "正弦位置编码", ("P",), "正弦 余弦 位置编码 频率 绝对位置"),
        Document("I/kv.md", "KV Cache", ("I",), "kv cache 解码 自回归 显存 推理 缓存"),
    ]


def test_neighbours_rank_by_words_and_tags_never_self():
    index = RelatedIndex(_library())
    top = index.neighbours("T/causal.md", top=2, min_percent=0)
    assert [n.path for n in top][0] == "T/padding.md"
    assert all(n.path != "T/causal.md" for n in top)
    assert index.neighbours("P/rope.md", top=1, min_percent=0)[0].path == "P/sin.md"
    assert index.neighbours("nowhere.md") == []


def test_similarity_is_symmetric_and_the_ranking_stable():
    docs = _library()
    a, b = RelatedIndex(docs), RelatedIndex(list(reversed(docs)))
    for x in docs:
        for y in docs:
            assert a.similarity(x.path, y.path) == a.similarity(y.path, x.path)
    assert a.all_neighbours(3, 0) == b.all_neighbours(3, 0)  # input order does not matter


def test_min_percent_and_top_bound_the_list():
    index = RelatedIndex(_library())
    every = index.all_neighbours(top=10, min_percent=0)
    assert all(len(found) <= 4 for found in every.values())
    strict = index.all_neighbours(top=10, min_percent=30)
    for found in strict.values():
        assert all(n.percent >= 30 for n in found)
        assert [n.percent for n in found] == sorted((n.percent for n in found), reverse=True)
    only = index.all_neighbours(top=2, min_percent=0, only=["I/kv.md", "missing.md"])
    assert list(only) == ["I/kv.md"]


@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C"]), st.text(alphabet="注意力掩码位置编码缓存推理abc ", max_size=40)),
        min_size=2,
        max_size=8,
    )
)
def test_any_library_gives_scores_in_range_and_symmetric(rows):
    docs = [Document(f"{tag}/{i}.md", text[:5], (tag,), text) for i, (tag, text) in enumerate(rows)]
    index = RelatedIndex(docs)
    for path, found in index.all_neighbours(top=3, min_percent=0).items():
        for n in found:
            assert 0 <= n.percent <= 100 and n.path != path
            assert index.similarity(path, n.path) == index.similarity(n.path, path)

"""Small note texts for tests."""

from pathlib import Path


def note_text(
    question: str,
    answer: str = "答案。",
    *,
    tags=("测试",),
    created="2025-11-01",
    last_reviewed=None,
    next_review="2025-11-01",
    review_count=0,
    difficulty="medium",
    mastery=0.0,
    extra_body="",
) -> str:
    lr = "null" if last_reviewed is None else f"'{last_reviewed}'"
    tag_lines = "".join(f"\n- {t}" for t in tags)
    return (
        f"---\ncreated: '{created}'\nlast_reviewed: {lr}\nnext_review: '{next_review}'\n"
        f"review_count: {review_count}\ndifficulty: {difficulty}\nmastery_level: {mastery}\ntags:{tag_lines}\n"
        f"related_outlines: []\n---\n# {question}\n\n## 面试标准答案\n\n{answer}\n\n## 详细技术解析\n\n"
        f"细节 $x_i$。{extra_body}\n"
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path

"""Links between notes, as written in a `## 相关笔记` section."""

from urllib.parse import unquote


def link_target_path(target: str) -> str:
    """A related-note link as written ('notes/Transformer/x.md', './x.md') -> a library-relative path.

    The generator of those sections writes paths from the folder that holds the library
    (`notes/...`); links relative to the library root work too.
    """
    t = target.strip().replace("\\", "/")
    while t.startswith("./"):
        t = t[2:]
    if t.startswith("notes/"):
        t = t[len("notes/") :]
    return unquote(t) if "%" in t else t  # the generator escapes ' ', '(', ')' and '%' in paths

"""The key table (binding id -> keys) of every screen: for the README and for a test that every
binding has an id a user can remap in tui.json ({"keymap": {"review.good": "g"}})."""

from __future__ import annotations

from textual.binding import Binding


def screen_classes() -> list[type]:
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.tui.screens.browse import BrowseScreen
    from qkvstudy.tui.screens.confirm import ConfirmScreen
    from qkvstudy.tui.screens.drill import DrillScreen
    from qkvstudy.tui.screens.help import HelpScreen
    from qkvstudy.tui.screens.home import HomeScreen
    from qkvstudy.tui.screens.note_view import NoteViewScreen
    from qkvstudy.tui.screens.related import RelatedScreen
    from qkvstudy.tui.screens.review import ReviewScreen
    from qkvstudy.tui.screens.summary import SummaryScreen
    from qkvstudy.tui.widgets.answer_grid import AnswerGrid

    return [
        QkvApp,
        HomeScreen,
        ReviewScreen,
        BrowseScreen,
        NoteViewScreen,
        RelatedScreen,
        SummaryScreen,
        ConfirmScreen,
        HelpScreen,
        DrillScreen,
        AnswerGrid,
    ]


def bindings(cls: type) -> list[Binding]:
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


def key_table() -> str:
    rows = ["| id | keys | what it does |", "| --- | --- | --- |"]
    for cls in screen_classes():
        for b in bindings(cls):
            keys = ", ".join(f"`{k.strip()}`" for k in b.key.split(","))
            rows.append(f"| `{b.id}` | {keys} | {b.description} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(key_table())

"""App-wide pieces: background rescan, theme memory, key remaps, palette, help, drills key."""

from __future__ import annotations

import json

from conftest import FIXTURE_NOTES, settle, wait_for

from qkvstudy.tui import prefs
from qkvstudy.tui.screens.browse import BrowseScreen
from qkvstudy.tui.screens.drill import DrillScreen
from qkvstudy.tui.screens.help import HelpScreen
from qkvstudy.tui.screens.home import HomeScreen
from qkvstudy.tui.screens.review import ReviewScreen


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_rescan_runs_in_background_and_updates_counts(make_app, library):
    extra = library.notes / "推理优化"
    extra.mkdir()
    text = (FIXTURE_NOTES / "Math" / "缩放点积.md").read_text(encoding="utf-8")
    (extra / "KV缓存.md").write_text(text.replace("# 为什么", "# KV缓存：为什么"), encoding="utf-8")
    (extra / "坏笔记.md").write_text("---\ntags: [推理优化\n---\n# 坏\n", encoding="utf-8")
    app = make_app(scan=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and not app.scanning)
        home = app.screen
        assert not home.query_one("#scan-row").display
        table = home.query_one("#topics")
        assert table.get_row("Math")[4] == 2  # the copy is tagged Math too
        assert any("坏笔记.md" in m for m in notifications(app))


async def test_theme_toggle_is_remembered(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == prefs.DARK_THEME
        await pilot.press("ctrl+t")
        assert app.theme == prefs.LIGHT_THEME
    assert json.loads(prefs.prefs_path().read_text())["theme"] == prefs.LIGHT_THEME
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == prefs.LIGHT_THEME


async def test_keymap_from_prefs_remaps_a_binding(make_app):
    prefs.save_prefs({"keymap": {"review.good": "g", "home.review": "f5"}})
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f5")
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        first = app.screen.current.card.card_id
        await pilot.press("g")  # a grade before the answer is shown does nothing
        await settle(pilot)
        assert app.screen.current.card.card_id == first and app.study.history.review_logs(first) == []
        await pilot.press("space", "g")
        await wait_for(pilot, lambda: app.screen.current.card.card_id != first)
        assert [log["rating"] for log in app.study.history.review_logs(first)] == [3]


async def test_command_palette_reaches_browse(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+p")
        for key in "browse notes":
            await pilot.press(key if key != " " else "space")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, BrowseScreen))


async def test_help_lists_keys_with_binding_ids(make_app):
    app = make_app(start="review")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("space")  # the grades are keys once the answer is shown
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        ids = {row[2] for row in app.screen.rows}
        assert {"review.good_key", "review.good", "review.undo", "review.edit", "app.toggle_theme"} <= ids
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_drills_key(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)


async def test_textual_words_in_the_app_language(make_app, english):
    """Textual's own commands, bindings and hints come through the catalog too."""
    from qkvstudy.tui.app import QkvApp

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        titles = {c.title for c in QkvApp.get_system_commands(app, app.screen)}
        assert {"Theme", "Keys", "Quit", "Screenshot"} <= titles  # English, as asked
        await pilot.press("ctrl+c")
        assert "Press q to quit the app" in notifications(app)
    from qkvstudy import i18n

    i18n.set_language("zh")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"配色方案", "按键面板", "退出", "截图"} <= titles
        assert not any(title.isascii() for title in titles)
        await pilot.press("ctrl+c")
        assert "按 q 退出程序" in notifications(app)
        footer = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert footer and all(not d.isascii() for d in footer)

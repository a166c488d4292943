"""The Textual app: owns the Study and the theme, and only pushes screens."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Literal

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from qkvstudy.tui import prefs
from qkvstudy.tui.commands import QkvCommands

if TYPE_CHECKING:
    from qkvstudy.study import Study

Start = Literal["home", "review", "drill"]

# Textual's own palette commands, in the app's language (titles and help lines by their English text).
SYSTEM_WORDS = {
    "Theme": "配色方案",
    "Change the current theme": "从所有配色方案中选择",
    "Quit": "退出",
    "Quit the application as soon as possible": "立即退出程序",
    "Keys": "按键面板",
    "Show help for the focused widget and a summary of available keys": "显示当前控件的帮助和可用按键",
    "Hide the keys and widget help panel": "隐藏按键面板",
    "Minimize": "还原",
    "Minimize the widget and restore to normal size": "把控件还原为正常大小",
    "Maximize": "最大化",
    "Maximize the focused widget": "最大化当前控件",
    "Screenshot": "截图",
    "Save an SVG 'screenshot' of the current screen": "把当前屏幕保存为 SVG 截图",
}


class QkvApp(App[None]):
    CSS_PATH = "qkvstudy.tcss"
    TITLE = "qkvstudy"
    COMMANDS = App.COMMANDS | {QkvCommands}
    BINDINGS = [
        Binding("ctrl+t", "toggle_theme", "明暗切换", id="app.toggle_theme", show=False),
    ]

    def __init__(
        self,
        study: Study | None = None,
        *,
        study_factory: Callable[[], Study] | None = None,
        start: Start = "home",
        topic: str | None = None,
        scan: bool = True,
        cursor_blink: bool = True,
        freeze_gc: bool = True,
        drill: dict | None = None,
        watch: bool | None = None,
    ) -> None:
        if study is None and study_factory is None:
            raise ValueError("QkvApp needs a study or a study_factory")
        super().__init__()
        self.study_factory = study_factory
        self._study = study
        self._owns_study = study is None
        self.start = start
        self.start_topic = topic
        self.drill_options = drill or {}  # e.g. {"drill_type": "weights", "level": 2, "seed": 7}
        # The rescan needs its own Study in the worker thread, hence a factory.
        self.scan_on_start = scan and study_factory is not None
        self.scanning = False  # the home screen's rescan worker is running
        # Follow edits to the library live; by default whenever the app rescans on start.
        self.watch_library = (scan if watch is None else watch) and study_factory is not None
        self.watcher = None
        self.cursor_blink = cursor_blink  # off in snapshot tests: a blinking cursor is flaky
        self.freeze_gc = freeze_gc  # off in tests, which start many apps in one process
        self.theme = prefs.saved_theme()
        keymap = prefs.saved_keymap()
        if keymap:
            self.set_keymap(keymap)

    @property
    def study(self) -> Study:
        if self._study is None:
            assert self.study_factory is not None
            self._study = self.study_factory()
        return self._study

    def get_default_screen(self) -> Screen:
        """Home is the app's base screen: composed once, with no blank default screen before it.

        The main Study opens when a screen first needs it, not before the first frame: home
        reads its counts in a worker with a Study of its own (store.engine.migrate serialises
        concurrent first opens, and the CLI has already migrated).
        """
        from qkvstudy.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        # Everything loaded so far lives as long as the app: keep it out of the garbage
        # collector's full passes, which otherwise cost 100+ ms now and then mid-review.
        if self.freeze_gc:
            self.call_after_refresh(gc.freeze)
        if self.watch_library:
            self.call_after_refresh(self._start_watcher)
        if self.start == "review":
            self.open_review(self.start_topic)
        elif self.start == "drill":
            self.open_drills(self.start_topic, **self.drill_options)

    def _start_watcher(self) -> None:
        from qkvstudy.tui.watch import LibraryWatcher

        self.watcher = LibraryWatcher(self, self.study.root)
        self.watcher.start()

    def write_related(self) -> None:
        """Regenerate the library's 相关笔记 sections (`qkvstudy related --write`) in a worker."""
        from qkvstudy.tui.watch import write_related

        if self.study_factory is not None:
            self.run_worker(partial(write_related, self), thread=True, group="related", exclusive=True)

    # Navigation shared by the screens and the command palette.

    def open_review(self, topic: str | None = None) -> None:
        from qkvstudy.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(topic=topic))

    def open_drills(self, topic: str | None = None, **options) -> None:
        from qkvstudy.tui.screens.drill import DrillScreen

        self.push_screen(DrillScreen(self.study, **options))

    def open_browse(self) -> None:
        from qkvstudy.tui.screens.browse import BrowseScreen

        self.push_screen(BrowseScreen())

    def open_stats(self, topic: str | None = None) -> None:
        from qkvstudy.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen(topic))

    def open_card_info(self, card_id: int) -> None:
        from qkvstudy.tui.screens.card_info import CardInfoScreen

        self.push_screen(CardInfoScreen(card_id))

    def open_note(self, note_id: int) -> None:
        from qkvstudy.tui.screens.note_view import NoteViewScreen

        self.push_screen(NoteViewScreen(note_id))

    def action_help(self) -> None:
        from qkvstudy.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield command._replace(
                title=SYSTEM_WORDS.get(command.title, command.title),
                help=SYSTEM_WORDS.get(command.help, command.help),
            )

    def action_command_palette(self) -> None:
        """Textual's own, with the prompt in Chinese."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="搜索命令…", id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = prefs.LIGHT_THEME if self.current_theme.dark else prefs.DARK_THEME
        if not prefs.remember_theme(self.theme):
            self.notify("无法保存明暗主题设置。", severity="warning")

    def on_unmount(self) -> None:
        if self._owns_study and self._study is not None:
            self._study.close()


def run_app(
    *,
    study_factory: Callable[[], Study],
    start: Start = "home",
    topic: str | None = None,
    scan: bool = True,
    drill: dict | None = None,
) -> None:
    """Entry point for the CLI: `run_app(study_factory=lambda: Study.open(db=..., notes=...))`.

    `drill` goes to the drill screen when start="drill": {"drill_type": ..., "level": ..., "seed": ...}.
    """
    QkvApp(study_factory=study_factory, start=start, topic=topic, scan=scan, drill=drill).run()

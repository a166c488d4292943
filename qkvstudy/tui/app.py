"""The Textual app: owns the Study, the library scan, the session's undo and the theme; pushes screens."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, cast

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import get_current_worker

from qkvstudy.i18n import t
from qkvstudy.tui import prefs
from qkvstudy.tui.commands import QkvCommands, QkvPalette
from qkvstudy.tui.reader import Reader
from qkvstudy.tui.undo import SessionUndo, Undone
from qkvstudy.tui.words import translate, translate_bindings
from qkvstudy.views import Counts, ScanReport, TopicCount

if TYPE_CHECKING:
    from qkvstudy.study import Study
    from qkvstudy.tui.watch import LibraryWatcher

Start = Literal["home", "review", "drill"]
T = TypeVar("T")


class FileCounts(Protocol):
    """Home's counts read without a Study (facade.quick_counts.FileCounts); None: wait for the Study."""

    def counts(self) -> Counts | None: ...

    def topics(self) -> list[TopicCount] | None: ...


@dataclass
class ScanProgress(Message, bubble=False):
    """The library scan has read `done` of `total` files (sent to the app, then to every screen)."""

    done: int
    total: int


@dataclass
class ScanFinished(Message, bubble=False):
    report: ScanReport | None
    error: str | None = None


@dataclass
class Undid(Message, bubble=False):
    """Something was undone: screens showing counts or cards refresh themselves."""

    undone: Undone


class QkvApp(App[None]):
    CSS_PATH = "qkvstudy.tcss"
    TITLE = "qkvstudy"
    COMMANDS = App.COMMANDS | {QkvCommands}
    BINDINGS = [
        Binding("ctrl+t", "toggle_theme", "app.key.toggle_theme", id="app.toggle_theme", show=False),
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
        drill: dict[str, Any] | None = None,
        watch: bool = False,
        file_counts: FileCounts | None = None,
    ) -> None:
        if study is None and study_factory is None:
            raise ValueError("QkvApp needs a study or a study_factory")
        super().__init__()
        translate_bindings(self)  # the app's own, and Textual's (quit, palette)
        self.study_factory = study_factory
        self._study = study
        self._owns_study = study is None
        self.start = start
        self.start_topic = topic
        self.drill_options = drill or {}  # e.g. {"drill_type": "weights", "level": 2, "seed": 7}
        # The scan needs its own Study in the worker thread, hence a factory.
        self.scan_on_start = scan and study_factory is not None
        # The scan starts after the first paint, but screens opened before it must already wait
        # for it (a first start: `review --topic T` on an empty index is not "nothing due").
        self.scanning = self.scan_on_start
        self.last_scan: ScanFinished | None = None  # how the last scan ended
        self.undo_stack = SessionUndo()
        self._reader: Reader | None = None  # the screens' slow reads, in a thread of their own
        self.file_counts = file_counts  # home's first numbers, before the reader's Study opens
        self._waits_for_home = False  # the watcher and the startup scan wait for home's first counts
        # Follow edits to the library live (the real app turns it on; a test asks for it when it
        # tests it: the watcher is a worker that never finishes on its own).
        self.watch_library = watch and study_factory is not None
        self.watcher: LibraryWatcher | None = None
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

    async def read(self, fn: Callable[[Study], T], latest: str | None = None, fresh: bool = False) -> T:
        """`fn(study)` off the UI thread, with the reader's own Study (see tui.reader); without a
        factory (a Study given to the app), in this thread with the app's."""
        if self.study_factory is None:
            return fn(self.study)
        if self._reader is None:
            self._reader = Reader(self.study_factory)
        return await self._reader.read(fn, latest, fresh)

    async def read_file(self, fn: Callable[[FileCounts], T | None]) -> T | None:
        """`fn(file_counts)` in the reader's thread, before its Study opens (see tui.reader); None
        when the app has no such reads (a Study given to it, a database other than a SQLite file)."""
        if self.file_counts is None or self.study_factory is None:
            return None
        if self._reader is None:
            self._reader = Reader(self.study_factory)
        return await self._reader.call(partial(fn, self.file_counts))

    def get_default_screen(self) -> Screen[Any]:
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
        if self.start == "review":
            self.open_review(self.start_topic)
        elif self.start == "drill":
            self.open_drills(self.start_topic, **self.drill_options)
        if self.start == "home":
            # After home's first counts (home_counted): the scan's stat() calls and SQL, and the
            # watcher's start, compete for the GIL and the disk with the numbers the user awaits.
            self._waits_for_home = True
        else:
            self.call_after_refresh(self._background_work)  # after the first paint, for the same reason

    def home_counted(self) -> None:
        """Home's first counts are on screen (or could not be read): the background work may begin."""
        if self._waits_for_home:
            self._waits_for_home = False
            self._background_work()

    def _background_work(self) -> None:
        if self.watch_library:
            self._start_watcher()
        if self.scan_on_start:
            self.start_scan()

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

    def open_drills(self, topic: str | None = None, **options: Any) -> None:
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

    # Undo: one stack for the whole session, whichever screen asks.

    def action_undo(self) -> Undone | None:
        try:
            undone = self.undo_stack.undo(self.study)
        except (OSError, ValueError, LookupError) as error:  # e.g. the database is locked
            self.notify(t("app.undo.failed", error=error), severity="error")
            return None
        if undone is None:
            self.notify(t("app.undo.nothing"))
            return None
        self.notify(t(f"app.undo.{undone.action}", title=undone.card.title), timeout=2)
        for screen in self.screen_stack:
            screen.post_message(Undid(undone))
        return undone

    # The library scan: its own Study in a thread (Study objects are not thread-safe).

    def start_scan(self) -> None:
        if self.study_factory is None:
            self.notify(t("app.scan.unavailable"), severity="warning")
            return
        self.scanning = True
        self._scan()

    @work(thread=True, exclusive=True, group="scan")
    def _scan(self) -> None:
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= 0.05 or done >= total:  # ~20 updates a second is plenty
                last = now
                if not worker.is_cancelled:
                    self.post_message(ScanProgress(done, total))

        assert self.study_factory is not None
        try:
            study = self.study_factory()
            try:
                report = study.scan(progress=progress)
            finally:
                study.close()
        except Exception as error:  # shown in one line; the app stays usable
            self.post_message(ScanFinished(None, error=f"{type(error).__name__}: {error}"))
            return
        self.post_message(ScanFinished(report))

    def on_scan_progress(self, message: ScanProgress) -> None:
        for screen in self.screen_stack:
            screen.post_message(ScanProgress(message.done, message.total))

    def on_scan_finished(self, message: ScanFinished) -> None:
        self.scanning = False
        self.last_scan = message
        if self.watcher is not None:
            self.watcher.scan_finished()  # changes seen during this scan get one more
        for screen in self.screen_stack:
            screen.post_message(ScanFinished(message.report, message.error))
        if message.error:
            self.notify(t("app.scan.failed", error=message.error), severity="error", timeout=10)
            return
        report = message.report
        assert report is not None
        summary = t(
            "app.scan.summary",
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            moved=report.moved,
            missing=report.missing,
            rejected=report.rejected,
        )
        if report.problems:
            first = "\n".join(str(p) for p in report.problems[:3])
            more = "\n" + t("app.scan.more", n=len(report.problems) - 3) if len(report.problems) > 3 else ""
            self.notify(f"{summary}\n{first}{more}", title=t("app.scan.done"), severity="warning", timeout=10)
        elif report.added or report.updated or report.moved or report.missing:
            self.notify(summary, title=t("app.scan.done"))

    # Textual's own commands and prompts, in the app's language.

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield command._replace(title=translate(command.title), help=translate(command.help))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not QkvPalette.is_open(cast(App[object], self)):
            self.push_screen(QkvPalette(placeholder=t("app.palette.placeholder"), id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(QkvPalette(providers=[ThemeProvider], placeholder=t("app.palette.themes")))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies); say which key does, in the app's language."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("app.quit_hint", key=self.get_key_display(active.binding)), title=t("app.quit_title"))
                return

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":
            self.notify(t("app.screenshot.saved", path=event.path or ""), timeout=4)

    def action_toggle_theme(self) -> None:
        self.theme = prefs.LIGHT_THEME if self.current_theme.dark else prefs.DARK_THEME
        if not prefs.remember_theme(self.theme):
            self.notify(t("app.theme.not_saved"), severity="warning")

    def on_unmount(self) -> None:
        if self._reader is not None:
            self._reader.close()
        if self._owns_study and self._study is not None:
            self._study.close()


def run_app(
    *,
    study_factory: Callable[[], Study],
    start: Start = "home",
    topic: str | None = None,
    scan: bool = True,
    drill: dict[str, Any] | None = None,
    file_counts: FileCounts | None = None,
) -> None:
    """Entry point for the CLI: `run_app(study_factory=lambda: Study.open(db=..., notes=...))`.

    `drill` goes to the drill screen when start="drill": {"drill_type": ..., "level": ..., "seed": ...}.
    `file_counts`: home's first counts without a Study (facade.quick_counts.FileCounts).
    """
    QkvApp(
        study_factory=study_factory,
        start=start,
        topic=topic,
        scan=scan,
        drill=drill,
        watch=scan,
        file_counts=file_counts,
    ).run()

"""Command palette: every key of the current screen, going anywhere from anywhere, and Textual's
own palette (its prompt, its "no matches" line, the theme picker) in the current language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.align import Align
from rich.text import Text
from textual.command import CommandInput, CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from qkvstudy.i18n import t

if TYPE_CHECKING:
    from qkvstudy.tui.app import QkvApp


class QkvPalette(CommandPalette):
    """Textual's palette with its one hard-coded English line said in the current language."""

    def on_mount(self) -> None:
        # Snapshot tests turn the blink off app-wide: a blinking cursor makes them flaky.
        self.query_one(CommandInput).cursor_blink = getattr(self.app, "cursor_blink", True)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # (an empty search is discovery: nothing to say)
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("app.palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


Command = tuple[str, str, Callable[[], object], str]


class QkvCommands(Provider):
    async def startup(self) -> None:
        """Read the topics once per palette opening, not once per keystroke."""
        try:
            self._topics = [t.topic for t in cast("QkvApp", self.app).study.topics() if t.topic]
        except Exception:  # the palette must open even if the schedule cannot be read
            self._topics = []

    def _commands(self) -> list[Command]:
        app = cast("QkvApp", self.app)
        screen = self.screen
        # (title shown, help line, callback, English keywords: the palette is searched by either,
        # so it answers without switching the input method to Chinese)
        commands: list[Command] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            ident = binding.id or binding.action
            if binding.system or not binding.description or ident in seen:
                continue
            seen.add(ident)
            commands.append(
                (
                    binding.description,
                    t("app.palette.key_help", id=ident, key=app.get_key_display(binding)),
                    partial(app.run_action, binding.action, active.node),
                    ident,
                )
            )
        commands += [
            (t("app.palette.review_all"), t("app.palette.review_all_help"), partial(app.open_review, None), "review"),
            (t("app.palette.browse"), t("app.palette.browse_help"), app.open_browse, "browse notes"),
            (t("app.palette.drills"), t("app.palette.drills_help"), partial(app.open_drills, None), "drills"),
            (t("app.palette.undo"), t("app.palette.undo_help"), app.action_undo, "undo"),
            (
                t("insight.screen.open"),
                t("insight.screen.open_help"),
                partial(app.open_stats, None),
                "stats statistics",
            ),
            (
                t("app.palette.toggle_theme"),
                t("app.palette.toggle_theme_help"),
                app.action_toggle_theme,
                "toggle dark light theme",
            ),
            (t("app.palette.help"), t("app.palette.help_help"), app.action_help, "help keys"),
            (t("connected.app.related"), t("connected.app.related_help"), app.write_related, "related notes write"),
        ]
        commands += [
            (
                t("app.palette.review_topic", topic=topic),
                t("app.palette.review_topic_help", topic=topic),
                partial(app.open_review, topic),
                f"review topic {topic}",
            )
            for topic in self._topics
        ]
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback, _ in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, keywords in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
                continue
            score = matcher.match(keywords)
            if score > 0:
                yield Hit(score, title, callback, help=help_text)

"""The type picker: drill types in curriculum order with their card's state, and the levels to choose."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from qkvstudy.drills import DRILL_TYPES, DrillType
from qkvstudy.drills.levels import LevelState, follow
from qkvstudy.i18n import t
from qkvstudy.study import StudyError
from qkvstudy.tui.format import format_due
from qkvstudy.tui.screens.drill.phases import Phase
from qkvstudy.views import NEW, CardView

if TYPE_CHECKING:
    from qkvstudy.study import Study

ATTEMPTS_READ = 500  # recent attempts replayed for the level (three or two in a row decide it)
CURRICULUM = sorted(DRILL_TYPES.values(), key=lambda d: d.order)


def type_options(card_of: Callable[[str], CardView], now: datetime) -> list[Option]:
    """One option per drill type: title, whether its card is new or when it is due, the description."""
    options = []
    for drill_type in CURRICULUM:
        try:
            card = card_of(drill_type.id)
            status = t("drillscreen.new") if card.state == NEW else t("drillscreen.due", when=format_due(card.due, now))
        except StudyError:
            status = ""
        options.append(
            Option(
                Content.from_markup(
                    "[b]$title[/b]  [dim]$status[/]\n[dim]$description[/]",
                    title=drill_type.title,
                    status=status,
                    description=drill_type.description,
                ),
                id=drill_type.id,
            )
        )
    return options


def levels_text(drill_type: DrillType, chosen: int, followed: LevelState | None) -> Content:
    """The levels of one type, the chosen one marked, and the level the learner's record suggests."""
    lines = [
        Content.from_markup(
            "[b]$level[/b] [dim]($how)[/]", level=t("drillscreen.level"), how=t("drillscreen.level_how")
        )
    ]
    notes = drill_type.level_notes or ("",) * len(drill_type.levels)
    for level, note in zip(drill_type.levels, notes):
        if level == chosen:
            lines.append(Content.from_markup("[b $accent]▶ $level  $note[/]", level=str(level), note=note))
        else:
            lines.append(Content.from_markup("[dim]  $level  $note[/]", level=str(level), note=note))
    if followed is not None:
        lines.append(
            Content(
                t(
                    "drills.screen.level_auto",
                    level=followed.level,
                    right=followed.right_streak,
                    wrong=followed.wrong_streak,
                )
            )
        )
    return Content("\n").join(lines)


class PickerMixin(Screen[int | None]):
    """The drill screen's picker and level keeping (the screen itself is in __init__)."""

    study: Study
    phase: Phase
    type_id: str | None
    level: int
    level_given: bool
    followed: LevelState | None
    spec: object | None
    card: CardView | None

    def _set_phase(self, phase: Phase) -> None:
        raise NotImplementedError

    def _shown(self) -> None:
        raise NotImplementedError

    async def start_drill(self) -> None:
        raise NotImplementedError

    # --- levels that follow the learner -----------------------------------------------------------

    def _followed_level(self, type_id: str | None) -> LevelState:
        if type_id is None:
            return LevelState(1)
        try:
            rows = self.study.history.drill_attempts(limit=ATTEMPTS_READ)
        except StudyError:
            return LevelState(DRILL_TYPES[type_id].levels[0])
        mine = [(int(r["level"]), float(r["score"])) for r in reversed(rows) if r["drill_type"] == type_id]
        return follow(mine, DRILL_TYPES[type_id].levels)

    # --- the type picker ------------------------------------------------------------------------

    def show_picker(self) -> None:
        self._set_phase(Phase.PICK)
        self.query_one("#drill-bar", Static).update(
            Content.from_markup("[b]$drill[/b] · $choose", drill=t("drillscreen.title"), choose=t("drillscreen.choose"))
        )
        options = self.query_one("#drill-types", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(type_options(self.study.drill_card, self.study.clock()))
        if self.type_id is not None:
            options.highlighted = [d.id for d in CURRICULUM].index(self.type_id)
        else:
            options.highlighted = highlighted if highlighted is not None else 0
        options.focus()
        self._show_levels(follow_record=not self.level_given)
        self._shown()

    def _picked_type(self) -> str | None:
        options = self.query_one("#drill-types", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def _show_levels(self, follow_record: bool = False) -> None:
        type_id = self._picked_type()
        if type_id is None:
            return
        self.followed = self._followed_level(type_id)
        if follow_record:
            self.level = self.followed.level
        self.query_one("#drill-levels", Static).update(levels_text(DRILL_TYPES[type_id], self.level, self.followed))

    @on(OptionList.OptionHighlighted, "#drill-types")
    def _type_highlighted(self) -> None:
        self._show_levels(follow_record=not self.level_given)

    @on(OptionList.OptionSelected, "#drill-types")
    async def _type_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self._start_type(event.option.id)

    async def action_start(self) -> None:
        type_id = self._picked_type()
        if type_id is not None:
            await self._start_type(type_id)

    async def _start_type(self, type_id: str | None) -> None:
        if self.phase != Phase.PICK or type_id is None:
            return
        self.type_id = type_id
        if self.level not in DRILL_TYPES[type_id].levels:
            self.level = DRILL_TYPES[type_id].levels[0]
        await self.start_drill()

    def action_level(self, level: int) -> None:
        type_id = self._picked_type()
        if type_id is not None and level in DRILL_TYPES[type_id].levels:
            self.level, self.level_given = level, True  # set by hand: kept while browsing types
            self._show_levels()

    def action_level_step(self, step: int) -> None:
        self.action_level(min(3, max(1, self.level + step)))

    def _follow_after_attempt(self) -> None:
        """The next variant's level: the learner's record moves it unless a level was given."""
        if self.spec is not None or self.card is not None:
            return
        followed = self._followed_level(self.type_id)
        if followed.level != self.level and followed.change:
            key = "drills.level.up" if followed.change > 0 else "drills.level.down"
            self.notify(t(key, level=followed.level))
            self.level = followed.level

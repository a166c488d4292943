"""A review session as in Anki: a state machine (`Phase`) where grades wait for the answer, then
space/enter is Good. Slow work runs in `@work(exclusive=True)` workers: a new card cancels the old one's."""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Markdown, Static
from textual.worker import Worker

from qkvstudy.i18n import t
from qkvstudy.tui.app import ScanFinished, Undid
from qkvstudy.tui.editor import edit_and_reread
from qkvstudy.tui.paint import painted
from qkvstudy.tui.prepared import PreparedCard, prepare_card
from qkvstudy.tui.screens.drill import DrillScreen
from qkvstudy.tui.screens.review_state import REVIEW_BINDINGS, USER_ERRORS, Phase, Session, card_header, summary_words
from qkvstudy.tui.screens.summary import SummaryChoice, SummaryScreen
from qkvstudy.tui.undo import Action
from qkvstudy.tui.widgets.grade_bar import GradeBar
from qkvstudy.tui.widgets.math_markdown import NoteMarkdown
from qkvstudy.tui.widgets.meta_line import MetaLine
from qkvstudy.tui.widgets.note_sections import NoteSections
from qkvstudy.tui.words import Translated
from qkvstudy.views import GOOD, CardKind, CardView

if TYPE_CHECKING:
    from qkvstudy.study import Study
    from qkvstudy.tui.app import QkvApp


class ReviewScreen(Translated, Screen[None]):
    BINDINGS = REVIEW_BINDINGS

    app: QkvApp

    def __init__(self, topic: str | None = None) -> None:
        super().__init__()
        self.topic = topic
        self.phase = Phase.STARTING
        self.session = Session()
        self.current: PreparedCard | None = None
        self.skipped: set[int] = set()  # drill cards left without a grade, notes that cannot be shown
        self.preparing: Worker[None] | None = None  # loads the shown card's answer, then prepares the next
        self._details_for: int | None = None  # card id whose details are mounted
        self._prefetched: PreparedCard | None = None
        self._shown_at = monotonic()
        self._pending_grade: tuple[CardView, int, float] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="card-bar"):
            yield MetaLine(id="card-meta")
            yield Static("", id="session-progress")
        yield Static("", id="question")
        with VerticalScroll(id="card-body"):
            yield Static(t("app.review.hint_reveal"), id="answer-hint")
            with Vertical(id="answer-box"):
                yield Label("", id="answer-title", classes="section-title", markup=False)
                yield NoteMarkdown(id="answer", open_links=False)
            yield NoteSections(id="details")
        yield GradeBar(id="grades")
        yield Footer()

    def on_mount(self) -> None:
        self.show_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys do only what makes sense in this phase; the footer shows just those."""
        if action == "reveal":
            return self.phase in (Phase.QUESTION, Phase.PAUSED)
        if action in ("grade", "good"):
            return self.phase is Phase.ANSWER
        if action in ("toggle_details", "suspend", "bury", "edit", "related"):
            return True if self.phase in (Phase.QUESTION, Phase.ANSWER) else None
        return True

    def on_unmount(self) -> None:
        self._commit_pending()  # a grade is never lost, even if the app quits right after it

    @property
    def study(self) -> Study:
        return self.app.study

    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        self.refresh_bindings()

    # Choosing and showing cards.

    def show_next(self) -> None:
        card = self.study.next_card(topic=self.topic, exclude=tuple(self.skipped))
        if card is None and self.app.scanning:
            self.current = None
            self._set_phase(Phase.WAITING_FOR_SCAN)
            self.query_one("#question", Static).update(t("app.review.waiting_for_scan"))
            return
        if card is None:
            self.current = None
            self.end_session(all_done=True)
            return
        if card.kind == CardKind.DRILL:
            self.current = None
            self.app.push_screen(DrillScreen(self.study, card=card), lambda rating: self._drill_done(card, rating))
            return
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is not None and prefetched.card.card_id == card.card_id:
            self.show_card(prefetched)
            return
        try:
            prepared = prepare_card(self.study, card)
        except USER_ERRORS as error:  # e.g. the note vanished since the queue was read
            self.notify(t("app.review.skipped", title=card.title, error=error), severity="warning")
            self.skipped.add(card.card_id)
            self.show_next()
            return
        self.show_card(prepared)

    def _drill_done(self, card: CardView, rating: int | None) -> None:
        if self.phase is Phase.ENDED:
            return
        if rating is not None:
            # The drill screen timed its own grade: the session counts the time its log holds.
            logs = self.study.history.review_logs(card.card_id)
            seconds = (logs[-1].get("duration_ms") or 0) / 1000 if logs else 0.0
            self.session.ratings.append((card.card_id, rating, seconds))
            self.app.undo_stack.graded(card)
            self.show_next()
            return
        # Left without a grade: not again this session, and the user gets the keys back
        # (pushing the next drill at once would leave no way out but grading).
        self.skipped.add(card.card_id)
        self.query_one("#card-meta", MetaLine).show("", [])
        self.query_one("#question", Static).update(Content(t("app.review.drill_skipped", title=card.title)))
        self.query_one("#answer-hint", Static).update(t("app.review.hint_next"))
        self._show_parts(hint=True)
        self._set_phase(Phase.PAUSED)

    def _show_parts(self, *, hint: bool = False, answer: bool = False, details: bool = False) -> None:
        self.query_one("#answer-hint").display = hint
        self.query_one("#answer-box").display = answer
        self.query_one("#details").display = details

    def show_card(self, prepared: PreparedCard, *, reveal: bool = False) -> None:
        """Put the question on screen now; load the answer (hidden) and the next card after the paint."""
        self.current = prepared
        self._prefetched = None
        self._details_for = None
        card = prepared.card
        self.query_one("#card-meta", MetaLine).show(*card_header(card))
        self.query_one("#question", Static).update(Content(prepared.question))
        self.query_one("#grades", GradeBar).show_preview(prepared.preview)
        self.query_one("#answer-hint", Static).update(t("app.review.hint_reveal"))
        self._show_parts(hint=True)
        self.query_one("#answer-title", Label).update(prepared.answer_title)
        self.query_one("#card-body", VerticalScroll).scroll_home(animate=False)
        self._set_phase(Phase.QUESTION)
        self._shown_at = monotonic()
        self.preparing = self._load_answer(prepared)  # cancels the old card's worker
        self.call_after_refresh(self._commit_pending)
        if reveal:
            # A worker, not an after-refresh callback: reveal waits for the answer, which waits
            # for this very refresh, and the screen runs its after-refresh callbacks one by one.
            self.call_after_refresh(lambda: self.run_worker(self.action_reveal(), group="reveal"))

    @work(exclusive=True, group="answer")
    async def _load_answer(self, prepared: PreparedCard) -> None:
        # The question reaches the screen first; the answer is built (hidden) while the user reads.
        await painted(self)
        await self.query_one("#answer", Markdown).update(prepared.answer_markdown)
        self._update_progress()
        self._prefetch(prepared)

    @work(exclusive=True, group="progress")
    async def _update_progress(self) -> None:
        # A count over the whole library (~0.2 s at 50,000 notes): in the app's reader thread.
        topic = self.topic
        try:
            left = await self.app.read(lambda study: study.queue_size(topic=topic))
        except USER_ERRORS:
            return
        self.query_one("#session-progress", Static).update(
            t("app.review.progress", done=self.session.reviewed, left=left)
        )

    def _prefetch(self, current: PreparedCard) -> None:
        """Prepare the card that most likely comes after this one, while the user reads."""
        # `after`: the card on screen is about to be graded, so it counts against today's limits
        # and its related notes are not picked next.
        card = self.study.next_card(topic=self.topic, exclude=tuple(self.skipped), after=current.card)
        if card is None or card.kind != CardKind.NOTE:
            return
        try:
            self._prefetched = prepare_card(self.study, card)
        except USER_ERRORS:
            self._prefetched = None  # it will be prepared (and its problem shown) when it comes up

    # Actions.

    async def action_reveal(self) -> None:
        if self.phase is Phase.PAUSED:
            self.show_next()
            return
        if self.phase is not Phase.QUESTION or self.current is None:
            return
        current = self.current
        if self.preparing is not None:
            await self.preparing.wait()  # (a key pressed before the answer was ready)
        if self.current is not current or self.phase is not Phase.QUESTION:
            return
        self._show_parts(answer=bool(current.answer_markdown))
        self._set_phase(Phase.ANSWER)
        if not current.answer_markdown:
            await self._show_details()  # no answer section: the details are the answer

    async def action_toggle_details(self) -> None:
        if self.current is None:
            return
        if self.phase is Phase.QUESTION:
            await self.action_reveal()
            if self.query_one("#details").display:
                return
        details = self.query_one("#details", NoteSections)
        if self._details_for == self.current.card.card_id:
            details.display = not details.display
            return
        await self._show_details()

    async def _show_details(self) -> None:
        current = self.current
        assert current is not None
        details = self.query_one("#details", NoteSections)
        self._details_for = current.card.card_id
        details.display = True
        await details.show_sections(current.details or (("", t("app.review.no_details")),))
        if self.current is not current:
            details.display = False

    def action_good(self) -> None:
        self.action_grade(GOOD)

    def action_grade(self, rating: int) -> None:
        if self.current is None or self.phase is not Phase.ANSWER:
            return
        self._commit_pending()
        seconds = monotonic() - self._shown_at
        grade = (self.current.card, rating, seconds)
        upcoming = self._prefetched
        self.session.ratings.append((self.current.card.card_id, rating, seconds))
        self.app.undo_stack.graded(self.current.card)
        self.session.prepared_in_advance += upcoming is not None
        if upcoming is None:
            if self._commit(*grade):
                self.show_next()
            return
        # The next card was prepared while this one was read: show it now and commit the grade
        # just after that paint (Study.grade writes the file too, which costs a few tens of ms).
        self._pending_grade = grade
        self.show_card(upcoming)

    def _commit_pending(self) -> None:
        grade, self._pending_grade = self._pending_grade, None
        if grade is not None:
            self._commit(*grade)

    def _commit(self, card: CardView, rating: int, duration_s: float) -> bool:
        try:
            outcome = self.study.grade(card.card_id, rating, duration_s=duration_s)
        except USER_ERRORS as error:
            self.session.ratings.pop()
            self.app.undo_stack.forget_last_grade()
            self.notify(t("app.review.cannot_grade", title=card.title, error=error), severity="error")
            return False
        if outcome.message:
            self.notify(outcome.message, severity="warning")
        if outcome.leech:  # insight: the card keeps being forgotten
            suspended = t("insight.leech.suspended") if outcome.card.suspended else ""
            self.notify(t("insight.leech.toast", lapses=outcome.card.lapses, suspended=suspended), severity="warning")
        return True

    def action_card_info(self) -> None:
        self._commit_pending()
        if self.current is not None:
            self.app.open_card_info(self.current.card.card_id)

    def action_undo(self) -> None:
        self._commit_pending()
        self.app.action_undo()  # the App tells every screen (on_undid) what came back

    def on_undid(self, message: Undid) -> None:
        undone = message.undone
        ratings = self.session.ratings
        if undone.action is Action.GRADE and ratings and ratings[-1][0] == undone.card.card_id:
            ratings.pop()
        if self.phase is Phase.ENDED or not self.is_current:
            return
        self._show_undone(undone.card)

    def _show_undone(self, card: CardView) -> None:
        self.skipped.discard(card.card_id)
        if card.kind == CardKind.DRILL or card.suspended:
            self.show_next()
            return
        try:
            self.show_card(prepare_card(self.study, card))
        except USER_ERRORS as error:
            self.notify(t("app.review.undone_not_shown", error=error), severity="warning")
            self.show_next()

    def _act(self, action: Action) -> None:
        self._commit_pending()
        if self.current is None:
            return
        try:
            self.app.undo_stack.act(self.study, action, self.current.card)
        except USER_ERRORS as error:
            self.notify(t("app.review.cannot_act", error=error), severity="error")
            return
        self.notify(t(f"app.review.{action}_done"), timeout=3)
        self.show_next()

    def action_suspend(self) -> None:
        self._act(Action.SUSPEND)

    def action_bury(self) -> None:
        self._act(Action.BURY)

    def action_edit(self) -> None:
        self._commit_pending()
        current = self.current
        if current is None or current.content is None:
            self.notify(t("app.review.nothing_to_edit"), severity="warning")
            return
        refreshed = edit_and_reread(self, self.study, current, current.content.note_id)
        if refreshed is not None:
            self.show_card(refreshed, reveal=self.phase is Phase.ANSWER)

    def action_related(self) -> None:
        from qkvstudy.tui.screens.related import show_related

        if self.current is not None and self.current.content is not None:
            show_related(self, self.study, self.current.content)

    def action_end(self) -> None:
        self.end_session(all_done=False)

    def on_scan_finished(self, message: ScanFinished) -> None:
        if self.phase is Phase.WAITING_FOR_SCAN:
            self.show_next()
        elif self.current is not None and self.current.content is not None:
            self._refresh_current()

    def _refresh_current(self) -> None:
        """After a rescan (the live library): show the note on screen again if its file changed."""
        current = self.current
        if current is None:
            return
        try:
            refreshed = prepare_card(self.study, self.study.card(current.card.card_id))
        except USER_ERRORS:
            return
        if refreshed.card.missing:
            self.show_next()
        elif refreshed.content != current.content:
            self._prefetched = None
            self.show_card(refreshed, reveal=self.phase is Phase.ANSWER)

    def end_session(self, *, all_done: bool) -> None:
        if self.phase is Phase.ENDED:
            return
        self._commit_pending()
        self._set_phase(Phase.ENDED)
        title, note = summary_words(all_done=all_done, reviewed=self.session.reviewed)
        try:
            tomorrow = self.study.counts(topic=self.topic, days_ahead=1)
        except USER_ERRORS:
            tomorrow = None
        summary = SummaryScreen(
            title=title,
            reviewed=self.session.reviewed,
            again=self.session.again,
            seconds=self.session.seconds,
            tomorrow=tomorrow,
            note=note,
        )
        self.app.push_screen(summary, self._summary_closed)

    def _summary_closed(self, choice: SummaryChoice | None) -> None:
        if choice is not SummaryChoice.UNDO:
            self.dismiss(None)  # not returned: Textual would await it inside this screen's handler
            return
        self._set_phase(Phase.STARTING)
        if self.app.action_undo() is None:
            self.show_next()  # (on_undid shows the card that came back)

"""A review session: question, reveal, grade; the next card is prepared while this one is read."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Markdown, Static

from qkvstudy.i18n import t
from qkvstudy.study import StudyError
from qkvstudy.tui.editor import edit_file
from qkvstudy.tui.format import format_memory, note_difficulty_label, state_label
from qkvstudy.tui.prepared import PreparedCard, prepare_card
from qkvstudy.tui.screens.drill import DrillScreen
from qkvstudy.tui.screens.summary import SummaryScreen
from qkvstudy.tui.widgets.grade_bar import GradeBar
from qkvstudy.tui.widgets.math_markdown import NoteMarkdown
from qkvstudy.tui.widgets.note_sections import NoteSections
from qkvstudy.views import AGAIN, CardView

# Errors from the user's own files (unwritable note, bad front-matter) are shown, not raised.
USER_ERRORS = (OSError, ValueError, StudyError)


@dataclass
class Session:
    started: float = field(default_factory=time.monotonic)
    ratings: list[int] = field(default_factory=list)  # a stack, so undo can take the last back
    prepared_in_advance: int = 0  # grades whose next card was ready (the bench reports it)

    @property
    def reviewed(self) -> int:
        return len(self.ratings)

    @property
    def again(self) -> int:
        return self.ratings.count(AGAIN)


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("space,enter", "reveal", "显示答案", id="review.reveal"),
        Binding("t", "toggle_details", "详情", id="review.details"),
        Binding("1", "grade(1)", "重来", id="review.again", show=False),
        Binding("2", "grade(2)", "困难", id="review.hard", show=False),
        Binding("3", "grade(3)", "良好", id="review.good", show=False),
        Binding("4", "grade(4)", "简单", id="review.easy", show=False),
        Binding("u", "undo", "撤销", id="review.undo"),
        Binding("s", "suspend", "暂停", id="review.suspend", show=False),
        Binding("z", "bury", "搁置到明天", id="review.bury", show=False),
        Binding("e", "edit", "编辑", id="review.edit"),
        Binding("o", "related", "相关笔记", id="review.related", show=False),
        Binding("i", "card_info", "卡片信息", id="review.card_info", show=False),
        Binding("question_mark", "app.help", "帮助", id="review.help"),
        Binding("q,escape", "end", "结束", id="review.end"),
    ]

    def __init__(self, topic: str | None = None) -> None:
        super().__init__()
        self.topic = topic
        self.session = Session()
        self.current: PreparedCard | None = None
        self.revealed = False
        self.skipped: set[int] = set()  # drill cards (no drill screen yet) and notes that cannot be shown
        self._generation = 0  # bumps with every card shown; late async work for an old card is dropped
        self._answer_task: asyncio.Task | None = None
        self._details_generation = -1
        self._prefetched: PreparedCard | None = None
        self._shown_at = time.monotonic()
        self._ending = False
        self.settled = False  # the shown card's answer is loaded and the next card prepared
        self._pending_grade: tuple[CardView, int, float] | None = None
        self.waiting_for_scan = False
        self.paused = False  # after a drill left without a grade: space goes on

    def compose(self) -> ComposeResult:
        with Horizontal(id="card-bar"):
            yield Static("", id="card-meta")
            yield Static("", id="session-progress")
        yield Static("", id="question")
        with VerticalScroll(id="card-body"):
            yield Static("空格：显示答案", id="answer-hint")
            with Vertical(id="answer-box"):
                yield Label("", id="answer-title", classes="section-title", markup=False)
                yield NoteMarkdown(id="answer", open_links=False)
            yield NoteSections(id="details")
        yield GradeBar(id="grades")
        yield Footer()

    def on_mount(self) -> None:
        self.show_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Footer shows only what makes sense now: no '显示答案' once it is shown."""
        if action == "reveal":
            return self.paused or (self.current is not None and not self.revealed)
        if action in ("grade", "toggle_details", "suspend", "bury", "edit", "related"):
            return True if self.current is not None else None
        return True

    def on_unmount(self) -> None:
        self._commit_pending()  # a grade is never lost, even if the app quits right after it

    @property
    def study(self):
        return self.app.study

    # Choosing and showing cards.

    def _take_next(self) -> CardView | None:
        return self.study.next_card(topic=self.topic, exclude=tuple(self.skipped))

    def show_next(self) -> None:
        card = self._take_next()
        self.waiting_for_scan = card is None and self.app.scanning
        if self.waiting_for_scan:  # a first start: the library is still being read
            self.current = None
            self.query_one("#question", Static).update("正在读取笔记库…扫描完成后显示卡片。")
            return
        if card is None:
            self.current = None
            self.end_session(all_done=True)
            return
        if card.kind == "drill":
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
            self.notify(f"已跳过“{card.title}”：{error}", severity="warning")
            self.skipped.add(card.card_id)
            self.show_next()
            return
        self.show_card(prepared)

    def _drill_done(self, card: CardView, rating: int | None) -> None:
        if self._ending:
            return
        if rating is not None:
            self.session.ratings.append(rating)
            self.show_next()
            return
        # Left without a grade: not again this session, and the user gets the keys back
        # (pushing the next drill at once would leave no way out but grading).
        self.skipped.add(card.card_id)
        self.paused = True
        self.query_one("#card-meta", Static).update("")
        self.query_one("#question", Static).update(Content(f"已跳过练习“{card.title}”。"))
        self.query_one("#answer-hint", Static).update("空格：下一张 · q：结束复习")
        self.query_one("#answer-hint").display = True
        self.query_one("#answer-box").display = False
        self.query_one("#details").display = False
        self.refresh_bindings()

    def show_card(self, prepared: PreparedCard, *, reveal: bool = False) -> None:
        """Put the question on screen now; load the answer (hidden) and the next card after the paint."""
        self._generation += 1
        self.current = prepared
        self.revealed = False
        self.settled = False
        card = prepared.card
        self.query_one("#card-meta", Static).update(self._meta(card))
        self.query_one("#question", Static).update(Content(prepared.question))
        self.query_one("#grades", GradeBar).show_preview(prepared.preview)
        self.query_one("#answer-hint").display = True
        self.query_one("#answer-box").display = False
        self.query_one("#details").display = False
        self.query_one("#answer-title", Label).update(prepared.answer_title)
        self.query_one("#card-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()
        self._shown_at = time.monotonic()
        generation = self._generation
        self._answer_task = None
        self.call_after_refresh(self._after_shown, generation, reveal)

    def _meta(self, card: CardView) -> Content:
        parts = [card.topic or "（无主题）"]
        if card.note_difficulty:
            parts.append(note_difficulty_label(card.note_difficulty))
        parts.append(state_label(card.state))
        if card.missing:
            parts.append("文件缺失")
        return Content.from_markup(
            "[b]$where[/b] · $memory",
            where=" · ".join(parts),
            memory=format_memory(card.stability, card.difficulty, card.retrievability),
        )

    def _after_shown(self, generation: int, reveal: bool) -> None:
        self._commit_pending()
        if generation != self._generation:
            return
        if self._answer_task is None:  # (a key pressed before the paint may have started it)
            self._answer_task = asyncio.create_task(self._load_answer(generation, self.current))
        if reveal:
            self.call_later(self.action_reveal)

    async def _load_answer(self, generation: int, prepared: PreparedCard) -> None:
        await self.query_one("#answer", Markdown).update(prepared.answer_markdown)
        if generation != self._generation:
            return
        self._update_progress()
        self._prefetch(generation)
        self.settled = generation == self._generation

    def _update_progress(self) -> None:
        left = self.study.queue_size(topic=self.topic)
        self.query_one("#session-progress", Static).update(f"已完成 {self.session.reviewed} · 剩余 {left}")

    def _prefetch(self, generation: int) -> None:
        """Prepare the card that most likely comes after this one, while the user reads."""
        current = self.current
        if current is None:
            return
        # `after`: the card on screen is about to be graded, so it counts against today's limits
        # and its related notes are not picked next.
        card = self.study.next_card(topic=self.topic, exclude=tuple(self.skipped), after=current.card)
        if card is None or card.kind != "note" or generation != self._generation:
            return
        try:
            self._prefetched = prepare_card(self.study, card)
        except USER_ERRORS:
            self._prefetched = None  # it will be prepared (and its problem shown) when it comes up

    # Actions.

    async def action_reveal(self) -> None:
        if self.paused:
            self.paused = False
            self.query_one("#answer-hint", Static).update("空格：显示答案")
            self.show_next()
            return
        if self.current is None or self.revealed:
            return
        generation = self._generation
        if self._answer_task is None:  # the key came before the first paint; load now
            self._answer_task = asyncio.create_task(self._load_answer(generation, self.current))
        await self._answer_task
        if generation != self._generation:
            return
        self.revealed = True
        self.refresh_bindings()
        self.query_one("#answer-hint").display = False
        if self.current.answer_markdown:
            self.query_one("#answer-box").display = True
        else:
            await self.action_toggle_details()  # no answer section: the details are the answer

    async def action_toggle_details(self) -> None:
        if self.current is None:
            return
        if not self.revealed:
            await self.action_reveal()
            if self.query_one("#details").display:
                return
        details = self.query_one("#details", NoteSections)
        if self._details_generation == self._generation:
            details.display = not details.display
            return
        self._details_generation = generation = self._generation
        details.display = True
        sections = self.current.details or (("", "*这条笔记没有详细解析。*"),)
        await details.show_sections(sections)
        if generation != self._generation:
            details.display = False

    def action_grade(self, rating: int) -> None:
        if self.current is None:
            return
        self._commit_pending()
        grade = (self.current.card, rating, time.monotonic() - self._shown_at)
        upcoming = self._prefetched if self.settled else None
        self._prefetched = None
        self.session.ratings.append(rating)
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
            self.notify(f"无法评分“{card.title}”：{error}", severity="error")
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
        card = self.study.undo()
        if card is None:
            self.notify("没有可撤销的操作。")
            return
        if self.session.ratings:
            self.session.ratings.pop()
        self._prefetched = None
        self.notify(f"已撤销：{card.title}", timeout=2)
        try:
            self.show_card(prepare_card(self.study, card))
        except USER_ERRORS as error:
            self.notify(f"已撤销，但无法显示这条笔记：{error}", severity="warning")
            self.show_next()

    def action_suspend(self) -> None:
        self._commit_pending()
        if self.current is not None:
            self.study.suspend(self.current.card.card_id)
            self.notify("已暂停。可在浏览中恢复（首页按 b，再按 S）。", timeout=3)
            self.show_next()

    def action_bury(self) -> None:
        self._commit_pending()
        if self.current is not None:
            self.study.bury(self.current.card.card_id)
            self.notify("已搁置到明天。", timeout=2)
            self.show_next()

    def action_edit(self) -> None:
        self._commit_pending()
        current = self.current
        if current is None or current.content is None:
            self.notify("这张卡片没有可编辑的笔记文件。", severity="warning")
            return
        note_id = current.content.note_id
        problem = edit_file(self.app, self.study.note_file(note_id))
        if problem:
            self.notify(problem, severity="warning")
        try:
            problems = self.study.reindex_note(note_id)
            refreshed = prepare_card(self.study, self.study.card(current.card.card_id))
        except USER_ERRORS as error:
            self.notify(f"无法重新读取笔记：{error}", severity="error")
            return
        for found in problems[:3]:
            self.notify(str(found), severity="warning", timeout=8)
        self._prefetched = None
        self.show_card(refreshed, reveal=self.revealed)

    def action_related(self) -> None:
        from qkvstudy.tui.screens.related import RelatedScreen

        if self.current is not None and self.current.content is not None:
            content = self.current.content
            if content.related or self.app.study_factory is None:
                self.app.push_screen(RelatedScreen(content.related or self.study.suggested_related(content.note_id)))
            else:  # no 相关笔记 section yet: the ranking `qkvstudy related` would write, built in a worker
                self._suggest_related(content.note_id)

    @work(thread=True, exclusive=True, group="related")
    def _suggest_related(self, note_id: int) -> None:
        from qkvstudy.tui.screens.related import RelatedScreen

        try:
            study = self.app.study_factory()
            try:
                links = study.suggested_related(note_id)
            finally:
                study.close()
        except Exception as error:  # one line on screen; the review goes on
            self.app.call_from_thread(self.notify, f"{type(error).__name__}: {error}", severity="error")
            return
        self.app.call_from_thread(self.app.push_screen, RelatedScreen(links))

    def action_end(self) -> None:
        self.end_session(all_done=False)

    def scan_finished(self) -> None:
        if self.waiting_for_scan:
            self.show_next()
        elif self.current is not None and self.current.content is not None:
            self._refresh_current()

    def _refresh_current(self) -> None:
        """After a rescan (the live library): show the note on screen again if its file changed."""
        current = self.current
        try:
            refreshed = prepare_card(self.study, self.study.card(current.card.card_id))
        except USER_ERRORS:
            return
        if refreshed.card.missing:
            self.show_next()
        elif refreshed.content != current.content:
            self._prefetched = None
            self.show_card(refreshed, reveal=self.revealed)

    def end_session(self, *, all_done: bool) -> None:
        if self._ending:
            return
        self._ending = True
        self._commit_pending()
        if all_done and not self.session.reviewed:
            title, note = "暂无到期卡片", "这个主题现在没有到期的卡片。"
        elif all_done:
            title, note = "本次复习完成", "到期卡片已全部复习，干得好。"
        else:
            title, note = "本次复习结束", ""
        summary = SummaryScreen(
            title=title,
            reviewed=self.session.reviewed,
            again=self.session.again,
            seconds=time.monotonic() - self.session.started,
            note=note,
        )

        def back_home(_: object) -> None:
            self.dismiss(None)  # not returned: Textual would await it inside this screen's handler

        self.app.push_screen(summary, back_home)

"""Command palette: every key of the current screen, plus going anywhere from anywhere."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from qkvstudy.i18n import t


class QkvCommands(Provider):
    async def startup(self) -> None:
        """Read the topics once per palette opening, not once per keystroke."""
        try:
            self._topics = [t.topic for t in self.app.study.topics() if t.topic]
        except Exception:  # the palette must open even if the schedule cannot be read
            self._topics = []

    def _commands(self) -> list[tuple[str, str, object, str]]:
        app = self.app
        screen = self.screen
        # (title shown, help line, callback, English keywords: the palette is searched by either,
        # so it answers without switching the input method to Chinese)
        commands: list[tuple[str, str, object, str]] = []
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
                    f"{ident} · 按键 {app.get_key_display(binding)}",
                    partial(app.run_action, binding.action, active.node),
                    ident,
                )
            )
        commands += [
            ("复习全部主题", "开始复习", partial(app.open_review, None), "review all topics"),
            ("浏览笔记", "所有笔记，可筛选、排序", app.open_browse, "browse notes"),
            ("练习", "注意力计算练习 drills", partial(app.open_drills, None), "drills"),
            (
                t("insight.screen.open"),
                t("insight.screen.open_help"),
                partial(app.open_stats, None),
                "stats statistics",
            ),
            (
                "切换深色 / 浅色主题",
                "app.toggle_theme · 按键 ctrl+t",
                app.action_toggle_theme,
                "toggle dark light theme",
            ),
            ("帮助：按键", "所有按键及其 binding id", app.action_help, "help keys"),
            (t("connected.app.related"), t("connected.app.related_help"), app.write_related, "related notes write"),
        ]
        commands += [
            (f"复习主题：{t}", f"只复习 {t}", partial(app.open_review, t), f"review topic {t}") for t in self._topics
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

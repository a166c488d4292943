"""Command palette: every key of the current screen, plus going anywhere from anywhere."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class QkvCommands(Provider):
    async def startup(self) -> None:
        """Read the topics once per palette opening, not once per keystroke."""
        try:
            self._topics = [t.topic for t in self.app.study.topics() if t.topic]
        except Exception:  # the palette must open even if the schedule cannot be read
            self._topics = []

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        screen = self.screen
        commands: list[tuple[str, str, object]] = []
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            ident = binding.id or binding.action
            if binding.system or not binding.description or ident in seen:
                continue
            seen.add(ident)
            commands.append(
                (binding.description, f"{ident} · key {app.get_key_display(binding)}",
                 partial(app.run_action, binding.action, active.node))
            )
        commands += [
            ("Review all topics", "start a review session", partial(app.open_review, None)),
            ("Browse notes", "every note, filter and sort", app.open_browse),
            ("Drills", "attention drills", partial(app.open_drills, None)),
            ("Toggle dark / light theme", "app.toggle_theme · key ctrl+t", app.action_toggle_theme),
            ("Help: keys", "every key and its binding id", app.action_help),
        ]
        commands += [(f"Review topic: {t}", f"{t} only", partial(app.open_review, t)) for t in self._topics]
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)

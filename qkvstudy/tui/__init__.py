"""The Textual front end. Importing it teaches Rich to wrap Chinese between characters
(see cjk_wrap), so every screen, and every snapshot, wraps the same way."""

from qkvstudy.tui import cjk_wrap as _cjk_wrap

_cjk_wrap.install()

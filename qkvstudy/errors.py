"""One base class for the problems a user can cause: a message, and where it is when it is in a file.

`str(error)` is the one line the user sees: `path:line: message`, `path: message` or `message`.
Tracebacks are for bugs only, so every user-caused error the core raises derives from `QkvError`
and callers catch that one class.
"""

from __future__ import annotations


class QkvError(Exception):
    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"

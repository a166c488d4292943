"""Write the notes of an Anki text export into the library: new files only, never over one."""

from __future__ import annotations

from pathlib import Path

from qkvstudy import config
from qkvstudy.i18n import t
from qkvstudy.interop.anki_text import file_name, note_text, parse_export
from qkvstudy.views import Problem


def import_export(root: Path, export: Path, topic: str) -> tuple[int, list[Problem]]:
    """(notes written, problems); a note's file is created exclusively, with -2, -3… on a clash."""
    where = str(export)
    try:
        text = export.read_bytes().decode("utf-8")
    except OSError as exc:
        return 0, [Problem(where, None, t("connected.related.unreadable", reason=exc.strerror or exc))]
    except UnicodeDecodeError:
        return 0, [Problem(where, None, t("connected.import.not_utf8"))]
    parsed = parse_export(text)
    problems = [Problem(where, line, reason) for line, reason in parsed.problems]
    folder_name = file_name(topic)
    folder = root / folder_name
    today = config.now().astimezone(config.local_tz()).date()
    written = 0
    for note in parsed.notes:
        base = file_name(note.front.partition("\n")[0])
        for n in range(1, 1000):
            name = f"{base}.md" if n == 1 else f"{base}-{n}.md"
            rel = f"{folder_name}/{name}"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with open(folder / name, "x", encoding="utf-8", newline="\n") as fh:
                    fh.write(note_text(note, topic, rel, today))
            except FileExistsError:
                continue
            except OSError as exc:
                problems.append(Problem(where, note.line, t("connected.related.cannot_write", reason=exc.strerror)))
            else:
                written += 1
            break
    return written, problems

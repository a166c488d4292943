"""What the `related`, `import --topic` and `export` commands do, once the CLI has parsed them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from qkvstudy.i18n import t
from qkvstudy.interop.related_library import RelatedNotes, plan_sections, resolve_paths, write_sections
from qkvstudy.views import Problem, ScanReport


class Study(Protocol):
    """What these commands need of qkvstudy.study.Study (a layer above, so not imported)."""

    root: Path

    @property
    def sessions(self) -> sessionmaker[Session]: ...

    @property
    def related(self) -> RelatedNotes: ...

    def scan(self) -> ScanReport: ...


def run_related(study: Study, paths: list[str], write: bool, top: int, min_percent: int) -> int:
    """Print the diff of every section that would change, or write them; 1 when a note was not done."""
    if top < 1 or not 0 <= min_percent <= 100:
        print(f"qkvstudy: {t('connected.related.bad_option')}", file=sys.stderr)
        return 2
    only, unknown = resolve_paths(study.root, paths) if paths else (None, [])
    problems = [Problem(p, None, t("connected.related.not_in_library")) for p in unknown]
    index = study.related.index()
    changes, found = plan_sections(study.root, index, top, min_percent, only)
    problems += found
    if write:
        failed = write_sections(study.root, changes)
        problems += failed
        summary = t("connected.related.summary_write", changed=len(changes) - len(failed), total=len(index))
    else:
        for change in changes:
            sys.stdout.write(change.diff())
        summary = t("connected.related.summary_dry", changed=len(changes), total=len(index))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(summary, file=sys.stderr if not write else sys.stdout)
    return 1 if problems else 0


def run_anki_import(study: Study, paths: list[Path], topic: str) -> int:
    """Each Anki "Notes in Plain Text" export -> notes under <library>/<topic>/, then a rescan."""
    from qkvstudy.interop.anki_import import import_export

    problems: list[Problem] = []
    written = 0
    for path in paths:
        count, found = import_export(study.root, path, topic)
        written += count
        problems += found
    report = study.scan()
    for problem in problems + report.problems:
        print(problem, file=sys.stderr)
    print(t("connected.import.summary", written=written, topic=topic))
    return 1 if problems or report.rejected else 0


def run_export(study: Study, anki: Path | None, csv_file: Path | None) -> int:
    from qkvstudy.interop.export import library_notes, write_apkg, write_csv

    notes = library_notes(study.sessions)
    target = anki or csv_file
    assert target is not None
    try:
        if anki is not None:
            write_apkg(notes, anki)
        else:
            write_csv(notes, target)
    except OSError as exc:
        print(f"{target}: {t('connected.related.cannot_write', reason=exc.strerror or exc)}", file=sys.stderr)
        return 1
    print(t("connected.export.summary", count=len(notes), file=target))
    return 0

"""`qkvstudy check [--repair]`: is the database sound, and does every card say what its log says?

1. SQLite's integrity check on the file (read-only; a damaged file is reported, never opened for writing);
2. every card with a review log is replayed (schedule.replay) and compared with its stored state;
3. with --repair, each such card is rebuilt from its log.

Exit status 0 when all is well (or everything found was repaired), 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys

from qkvstudy import config
from qkvstudy.i18n import t


def run_check(args: argparse.Namespace) -> int:
    from qkvstudy.schedule.replay import check_cards, repair_cards
    from qkvstudy.store import health
    from qkvstudy.store.engine import make_engine, sqlite_path
    from qkvstudy.study import Study

    url = config.database_url(args.db)
    db = sqlite_path(make_engine(url))
    if db is not None:
        if not db.exists():
            print(t("trust.check.no_db", db=db), file=sys.stderr)
            return 1
        health.check_file(db)
        problems = health.integrity_problems(db)
        if problems:
            for line in problems:
                print(f"{db}: {line}", file=sys.stderr)
            raise health.damaged(db, problems[0])
    study = Study.open(db=args.db, notes=args.notes, write_back=False)
    try:
        found = check_cards(study.sessions, study.scheduler)
        for d in found:
            fields = ", ".join(f"{k} {stored!r} → {replayed!r}" for k, (stored, replayed) in d.fields.items())
            print(t("trust.check.differs", card=_describe(study, d.card_id), fields=fields))
        if found and args.repair:
            fixed = repair_cards(study.sessions, study.scheduler, [d.card_id for d in found])
            print(t("trust.check.repaired", n=fixed))
            return 0
        print(t("trust.check.summary", db=db or url, n=len(found)))
        return 1 if found else 0
    finally:
        study.close()


def _describe(study: object, card_id: int) -> str:
    try:
        view = study.card(card_id)  # type: ignore[attr-defined]
    except Exception:  # the card is described, not needed: an id will do
        return f"#{card_id}"
    return f"#{card_id} {view.path or view.title}"

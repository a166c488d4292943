"""Run as a separate process by the fault tests: the real facade, as the CLI and the app use it.

    python worker.py grade DB NOTES N REL [REL...]   grade each note N times (good/again alternating)
    python worker.py scan DB NOTES                   one scan
    python worker.py edit PATH N STOP                an editor saving PATH (write + rename) until STOP exists, at most N times

Prints one line of JSON with what it did; exits 0 unless something raised.
"""

import json
import os
import sys
import time
from pathlib import Path


def grade(db: str, notes: str, n: int, rels: list[str]) -> dict:
    from qkvstudy.study import Study

    study = Study.open(db=db, notes=notes)
    done, messages = 0, []
    for i in range(n):
        for rel in rels:
            card = study.card_for_path(Path(notes) / rel)
            outcome = study.grade(card.card_id, 3 if i % 3 else 1)
            done += 1
            if outcome.message:
                messages.append(outcome.message)
    study.close()
    return {"graded": done, "messages": messages}


def scan(db: str, notes: str) -> dict:
    from qkvstudy.study import Study

    study = Study.open(db=db, notes=notes)
    report = study.scan()
    study.close()
    return {"added": report.added, "unchanged": report.unchanged, "updated": report.updated}


def edit(path: str, n: int, stop: str) -> dict:
    """Each save appends a marker; before saving again, check the previous save survived."""
    target = Path(path)
    lost = saves = 0
    for i in range(n):
        if Path(stop).exists():
            break
        text = target.read_text(encoding="utf-8")
        if i and f"<!-- edit {i - 1} -->" not in text:
            lost += 1
        tmp = target.with_name(f".edit-{os.getpid()}.swp")
        tmp.write_text(text + f"\n<!-- edit {i} -->\n", encoding="utf-8")
        os.replace(tmp, target)
        saves += 1
        time.sleep(0.002)
    return {"saves": saves, "lost": lost}


if __name__ == "__main__":
    verb, *args = sys.argv[1:]
    if verb == "grade":
        out = grade(args[0], args[1], int(args[2]), args[3:])
    elif verb == "scan":
        out = scan(args[0], args[1])
    else:
        out = edit(args[0], int(args[1]), args[2])
    print(json.dumps(out, ensure_ascii=False))

"""The same work done by Anki, for the bench's ratios: issue 10 asks for them when the `anki` package
can be imported (`pip install ".[anki]"`); it is never a dependency.

    python -m qkvstudy.bench.anki_peer add ROOT COLLECTION     # every note of the library, one process
    python -m qkvstudy.bench.anki_peer answer COLLECTION N      # N cards fetched and answered Good

Each prints one JSON object on its last line. A note goes to Anki as a Basic note: its H1 question
on the front, the rest of its text after the front-matter on the back, read from the file with no
parse beyond finding those two (what a user's own script would do); all notes in one `add_notes`,
Anki's fastest way in. Answering is what `phases.schedule` times for qkvstudy: the next card from
the scheduler's queue, then its answer, each timed in the process.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def available() -> bool:
    """Whether the anki package can be imported here (without importing it)."""
    try:
        return importlib.util.find_spec("anki") is not None
    except (ImportError, ValueError):
        return False


def fields(text: str) -> tuple[str, str]:
    """(front, back) of a note file: the first H1's title, and the text after the front-matter without it."""
    body = text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        body = text[end + 5 :] if end >= 0 else text
    front, rest = "", []
    for line in body.split("\n"):
        if not front and line.startswith("# "):
            front = line[2:].strip()
        else:
            rest.append(line)
    return front, "\n".join(rest).strip("\n")


def add(root: Path, collection: Path) -> dict[str, Any]:
    from anki.buildinfo import version
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(collection))
    try:
        basic = col.models.by_name("Basic")
        deck = col.decks.id("Default")
        assert basic is not None and deck is not None
        requests = []
        for dirpath, _dirs, files in os.walk(root):
            for name in sorted(files):
                if name.endswith(".md"):
                    front, back = fields(Path(dirpath, name).read_bytes().decode("utf-8"))
                    note = col.new_note(basic)
                    note["Front"], note["Back"] = front, back
                    requests.append(AddNoteRequest(note=note, deck_id=deck))
        col.add_notes(requests)
    finally:
        col.close()
    return {"notes": len(requests), "anki": str(version)}


def answer(collection: Path, cards: int) -> dict[str, Any]:
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer, Scheduler

    col = Collection(str(collection))
    try:
        sched = col.sched
        assert isinstance(sched, Scheduler)  # what a new collection runs
        sched.extend_limits(cards, cards)  # past the 20 new cards a day of a new deck
        fetch: list[float] = []
        total: list[float] = []
        for _ in range(cards):
            t0 = time.perf_counter()
            queued = sched.get_queued_cards(fetch_limit=1)
            if not queued.cards:
                break
            top = queued.cards[0]
            card = col.get_card(top.card.id)
            card.start_timer()
            t1 = time.perf_counter()
            sched.answer_card(sched.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD))
            t2 = time.perf_counter()
            fetch.append(t1 - t0)
            total.append(t2 - t0)
    finally:
        col.close()
    return {"fetch": fetch, "total": total}


def main(argv: list[str]) -> None:
    phase, *rest = argv
    if phase == "add":
        result = add(Path(rest[0]), Path(rest[1]))
    elif phase == "answer":
        result = answer(Path(rest[0]), int(rest[1]))
    else:
        raise SystemExit(f"unknown phase {phase}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])

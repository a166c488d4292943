"""`qkvstudy bench`: time qkvstudy as a user feels it, on synthetic libraries of several sizes.

Every command figure is a whole process — a fresh interpreter, from spawn to exit — and the app is
timed from spawn to its first frame on a pseudo-terminal. Each figure is min / median / max of
`--repeats` runs, taken round-robin with its floor in the same run (so load hits both alike), and
given as a ratio to that floor:

- `python -c pass`: the floor of any command (an interpreter starting and stopping);
- read + front-matter: a fresh process reading every note and loading its YAML, nothing less can import;
- a bare Textual app's first frame: the floor of the app's.

The load average is printed beside the results. Targets are the ones issue 10 set; each line says
whether its median met it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qkvstudy.bench import anki_peer
from qkvstudy.bench.library import generate_library, library_bytes
from qkvstudy.bench.process import Run, first_frame, frames, run_command, tree_bytes

PYTHON = sys.executable
QKVSTUDY = (PYTHON, "-m", "qkvstudy")
BARE_APP = (PYTHON, "-c", "from textual.app import App; App().run()")
APP_NOTES = 50_000  # issue 10 sets the app's targets at this size (or the largest library, if smaller)
COUNTS_AFTER_FRAME_MS = 300.0  # issue 10: home's counts on screen, after the app's first frame (whole process)


@dataclass
class Figure:
    label: str
    floor: str | None = None  # label of the figure this one is divided by
    target: float | None = None  # the ratio (or, with unit "s"/"MB", the value) the median must not exceed
    target_unit: str = "×"
    seconds: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)

    def add(self, run: Run | float) -> None:
        if isinstance(run, Run):
            self.seconds.append(run.seconds)
            self.peaks.append(run.peak_mb)
        else:
            self.seconds.append(run)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _env(work: Path) -> dict[str, str]:
    """The user's environment, minus anything that would point a command at the user's own data."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QKVSTUDY_")}
    env.update(QKVSTUDY_DATA_DIR=str(work / "data"), QKVSTUDY_CONFIG_DIR=str(work / "config"))
    return env


def compile_package() -> None:
    """Compile the package's modules to bytecode where it is missing or stale, as `pip install .` (the
    README's set-up) leaves them. A checkout run in place under PYTHONDONTWRITEBYTECODE (set on the
    machines these figures come from) would otherwise compile every module it loads in every timed
    process: 0.15-0.2 s of each command, which no user of an installed qkvstudy waits for."""
    import compileall

    import qkvstudy

    compileall.compile_dir(str(Path(qkvstudy.__file__).parent), quiet=1)


def _fresh_db(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def _library(work: Path, n: int) -> Path:
    root = work / f"library-{n}"
    marker = root / ".bench-complete"
    if not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        started = time.perf_counter()
        generate_library(root, n)
        marker.write_text(str(n))
        print(f"generated {n:,} notes in {time.perf_counter() - started:.1f} s under {root}", flush=True)
    return root


def measure_size(work: Path, n: int, repeats: int, skip: Sequence[str], say: Callable[[str], None]) -> dict:
    """All whole-process figures for one library size; returns them (and prints them as a table)."""
    root = _library(work, n)
    env = _env(work)
    note = str(next(p for p in sorted((root / "Transformer").iterdir()) if p.suffix == ".md"))
    figures = {
        f.label: f
        for f in (
            Figure("python -c pass"),
            Figure("read + front-matter"),
            Figure("qkvstudy --help", "python -c pass"),
            Figure("import, cold", "read + front-matter", 3.0),
            Figure("import, no change", "read + front-matter", 1.0),
            Figure("due --json", "python -c pass", 3.0, "s"),
            Figure("grade PATH good", "python -c pass", 10.0),
            Figure("bare Textual app, first frame"),
            Figure("app, first frame", "bare Textual app, first frame", 2.0),
        )
    }
    # Anki, when it can be imported: the same notes added, in a process of its own (issue 10's peer).
    with_anki = anki_peer.available() and "import" not in skip
    anki, anki_version = Figure("Anki: add the same notes"), ""
    load_before = _load()
    db_size = 0
    for r in range(repeats):
        # Each round on a quiet disk: the last round's imports wrote the whole database (340 MB at 100k
        # notes), and a floor or an import timed while the kernel writes that out measures the disk.
        os.sync()
        db = _fresh_db(work / f"bench-{n}-{r}.db")
        opts = ["--db", str(db), "--notes", str(root)]
        figures["python -c pass"].add(run_command([PYTHON, "-c", "pass"], env))
        figures["read + front-matter"].add(
            run_command([PYTHON, "-m", "qkvstudy.bench.phases", "floor", str(root)], env)
        )
        figures["qkvstudy --help"].add(run_command([*QKVSTUDY, "--help"], env))
        if "import" not in skip:
            figures["import, cold"].add(run_command([*QKVSTUDY, "import", str(root), *opts], env, accept=(0, 1)))
            figures["import, no change"].add(run_command([*QKVSTUDY, "import", str(root), *opts], env, accept=(0, 1)))
        else:
            run_command([*QKVSTUDY, "import", str(root), *opts], env, accept=(0, 1))
        figures["due --json"].add(run_command([*QKVSTUDY, "due", "--json", *opts], env))
        figures["grade PATH good"].add(run_command([*QKVSTUDY, "grade", note, "good", *opts], env))
        if "app" not in skip:
            figures["bare Textual app, first frame"].add(first_frame(BARE_APP, env))
            figures["app, first frame"].add(first_frame([*QKVSTUDY, *opts], env))
        db_size = tree_bytes(db)
        if r:
            _fresh_db(work / f"bench-{n}-{r - 1}.db")
    # After our runs, not between them: Anki writes its collection (485 MB at 100k notes), and the
    # floor and imports of the next round would run while the disk takes it in.
    for _ in range(repeats if with_anki else 0):
        os.sync()
        added = _anki_add(root, work / f"anki-{n}.anki2", env)
        anki.add(added)
        anki_version = json.loads(added.output.decode().strip().splitlines()[-1])["anki"]
    if with_anki:
        os.sync()  # the next size starts on a quiet disk
    on_disk = library_bytes(root)
    result = {
        "notes": n,
        "repeats": repeats,
        "load_before": load_before,
        "load_after": _load(),
        "library_mb": on_disk / 1e6,
        "database_mb": db_size / 1e6,
        "figures": {f.label: {"seconds": f.seconds, "peak_mb": f.peaks} for f in figures.values() if f.seconds},
    }
    _print_size(result, figures, say)
    if anki.seconds:
        collection_mb = tree_bytes(work / f"anki-{n}.anki2") / 1e6
        result["anki"] = {"version": anki_version, "add": anki.seconds, "collection_mb": collection_mb}
        cold = figures["import, cold"]
        say(f"Anki {anki_version}, the same {n:,} notes added as Basic notes (whole process):")
        say(f"{'Anki: add the notes':<32}{min(anki.seconds):>8.3f}{anki.median:>8.3f}{max(anki.seconds):>8.3f}")
        say(f"{'import, cold ÷ Anki: add':<32}{cold.median / anki.median:>23.2f}×")
        ours = db_size / 1e6
        say(f"{'database ÷ Anki collection':<32}{ours:>8.1f} MB / {collection_mb:.1f} MB = {ours / collection_mb:.2f}×")
    return result


def _anki_add(root: Path, collection: Path, env: dict[str, str]) -> Run:
    """Anki adding every note of `root` to a new collection, as a whole process."""
    for leftover in (collection, Path(f"{collection}-wal"), Path(f"{collection}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(collection.with_suffix(".media"), ignore_errors=True)
    return run_command([PYTHON, "-m", "qkvstudy.bench.anki_peer", "add", str(root), str(collection)], env)


def _verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "ok" if value <= target else f"MISSED by {value / target:.2f}×"


def _print_size(result: dict, figures: dict[str, Figure], say: Callable[[str], None]) -> None:
    n = result["notes"]
    say(
        f"\n{n:,} notes ({result['library_mb']:.1f} MB on disk), {result['repeats']} runs each, "
        f"load average {result['load_before']} before, {result['load_after']} after"
    )
    say(f"{'whole process':<32}{'min s':>8}{'median':>8}{'max':>8}{'ratio':>9}  {'to':<24}{'peak MB':>8}  target")
    for f in figures.values():
        if not f.seconds:
            continue
        ratio_text, target_text = "", ""
        if f.floor and figures[f.floor].seconds:
            ratio = f.median / figures[f.floor].median
            ratio_text = f"{ratio:.2f}×"
            if f.target is not None and f.target_unit == "×":
                target_text = f"≤ {f.target:g}× {_verdict(ratio, f.target)}"
        if f.target is not None and f.target_unit == "s":
            target_text = f"≤ {f.target:g} s {_verdict(f.median, f.target)}"
        peak = f"{max(f.peaks):.0f}" if f.peaks else ""
        say(
            f"{f.label:<32}{min(f.seconds):>8.3f}{f.median:>8.3f}{max(f.seconds):>8.3f}{ratio_text:>9}  "
            f"{(f.floor or ''):<24}{peak:>8}  {target_text}"
        )
    peak_all = max(
        (max(f.peaks) for f in figures.values() if f.peaks and f.label.startswith(("import", "due", "grade"))),
        default=0.0,
    )
    say(f"{'peak memory of any command':<32}{peak_all:>8.0f} MB  target ≤ 300 MB {_verdict(peak_all, 300)}")
    ratio = result["database_mb"] / result["library_mb"] if result["library_mb"] else 0.0
    say(
        f"{'database / library on disk':<32}{result['database_mb']:>8.1f} MB / {result['library_mb']:.1f} MB = "
        f"{ratio:.2f}×  target ≤ 1× {_verdict(ratio, 1.0)}"
    )


def measure_scheduling(work: Path, n: int, grades: int, say: Callable[[str], None]) -> dict:
    """In-process fetch + grade (with and without write-back), one process per mode, ms per grade."""
    root = _library(work, n)
    env = _env(work)
    out: dict[str, dict[str, list[float]]] = {}
    say(f"\nin-process, {n:,} notes, {grades} grades each (one process per mode; ms per grade), load average {_load()}")
    say(f"{'':<34}{'min':>8}{'median':>8}{'max':>8}  target")
    for mode, flag in (("with write-back", []), ("without write-back", ["--no-write-back"])):
        db = _fresh_db(work / f"schedule-{n}.db")
        run = run_command(
            [PYTHON, "-m", "qkvstudy.bench.phases", "schedule", str(root), str(db), str(grades), *flag], env
        )
        values = json.loads(run.output.decode().strip().splitlines()[-1])
        out[mode] = values
        for key, label, target in (
            ("fetch", "fetch next card", None),
            ("total", "fetch + grade", 3.0 if not flag else 1.0),
        ):
            ms = [v * 1000 for v in values[key]]
            if not ms:
                continue
            med = statistics.median(ms)
            target_text = f"≤ {target:g} ms {_verdict(med, target)}" if target else ""
            say(f"{label + ', ' + mode:<34}{min(ms):>8.2f}{med:>8.2f}{max(ms):>8.2f}  {target_text}")
        _fresh_db(db)
    if anki_peer.available():
        collection = work / f"anki-schedule-{n}.anki2"
        _anki_add(root, collection, env)
        run = run_command([PYTHON, "-m", "qkvstudy.bench.anki_peer", "answer", str(collection), str(grades)], env)
        values = json.loads(run.output.decode().strip().splitlines()[-1])
        out["anki"] = values
        anki_ms = [v * 1000 for v in values["total"]]
        if anki_ms:
            anki_med = statistics.median(anki_ms)
            say(f"{'fetch + answer, Anki':<34}{min(anki_ms):>8.2f}{anki_med:>8.2f}{max(anki_ms):>8.2f}")
            for mode in ("with write-back", "without write-back"):
                ours = statistics.median(out[mode]["total"]) * 1000 if out[mode]["total"] else 0.0
                say(f"{'ours ÷ Anki, ' + mode:<34}{ours / anki_med:>15.2f}×")
    return out


def measure_app(work: Path, n: int, repeats: int, say: Callable[[str], None]) -> dict[str, list[float]]:
    """The app at `n` notes: its first frame as a whole process (against a bare Textual app's, in
    the same run), then what the user waits for inside it (tui.bench, headless)."""
    from qkvstudy.tui.bench import run_tui_bench

    root = _library(work, n)
    db = work / f"app-{n}.db"  # kept between runs with --dir: a re-run rescans instead of importing
    env = _env(work)
    opts = ["--db", str(db), "--notes", str(root)]
    run_command([*QKVSTUDY, "import", str(root), *opts], env, accept=(0, 1))
    bare = Figure("bare Textual app, first frame")
    first = Figure("app, first frame", bare.label, 2.0)
    counted = Figure("app, counts on screen")
    total = _total_cards(db, root)  # home's first row shows it: the counts are on screen
    for _ in range(repeats):
        bare.add(first_frame(BARE_APP, env))
        frame, counts = frames([*QKVSTUDY, *opts], env, shows=f" {total} ".encode())
        first.add(frame)
        if counts is not None:
            counted.add(counts - frame)
    say(f"\nthe app at {n:,} notes, load average {_load()}")
    say(f"{'':<50}{'min':>9}{'median':>9}{'max':>9}  target")
    ratio = first.median / bare.median
    for f in (bare, first):
        say(f"{f.label + ' (whole process), s':<50}{min(f.seconds):>9.3f}{f.median:>9.3f}{max(f.seconds):>9.3f}")
    say(f"{'app / bare Textual app, first frame':<50}{'':>9}{ratio:>8.2f}×{'':>9}  ≤ 2× {_verdict(ratio, 2.0)}")
    if counted.seconds:
        ms = sorted(s * 1000 for s in counted.seconds)
        median = statistics.median(ms)
        say(
            f"{'counts on screen after the first frame, ms':<50}{ms[0]:>9.1f}{median:>9.1f}{ms[-1]:>9.1f}  "
            f"≤ {COUNTS_AFTER_FRAME_MS:g} ms {_verdict(median, COUNTS_AFTER_FRAME_MS)}"
        )
    out = {"bare first frame": bare.seconds, "app first frame": first.seconds, "counts after frame": counted.seconds}
    from qkvstudy.facade.quick_counts import FileCounts

    url = f"sqlite:///{db}"
    for row in run_tui_bench(url, root, repeats, file_counts=FileCounts(url)):  # as `qkvstudy` starts home
        out[row.name] = row.seconds
        if not row.seconds:
            say(f"{row.name:<50}")
            continue
        ms = sorted(s * 1000 for s in row.seconds)
        median = statistics.median(ms)
        target = f"≤ {row.target * 1000:g} ms {_verdict(median, row.target * 1000)}" if row.target else ""
        say(f"{row.name + ', ms':<50}{ms[0]:>9.1f}{median:>9.1f}{ms[-1]:>9.1f}  {target}")
    say(f"load average after: {_load()}")
    return out


def _total_cards(db: Path, root: Path) -> int:
    from qkvstudy.study import Study

    study = Study.open(db=str(db), notes=root)
    try:
        return study.counts().total
    finally:
        study.close()


def _print_growth(results: list[dict], say: Callable[[str], None]) -> None:
    if len(results) < 2:
        return
    base = results[0]
    say(f"\nhow cost grows with the library (median ÷ median at {base['notes']:,} notes)")
    labels = [k for k in base["figures"] if k in results[-1]["figures"]]
    say(f"{'':<32}" + "".join(f"{r['notes']:>12,}" for r in results))
    for label in labels:
        first = statistics.median(base["figures"][label]["seconds"])
        cells = "".join(f"{statistics.median(r['figures'][label]['seconds']) / first:>11.2f}×" for r in results)
        say(f"{label:<32}{cells}")
    grade = [statistics.median(r["figures"]["grade PATH good"]["seconds"]) for r in results]
    spread = max(grade) / min(grade)
    say(f"grade, largest ÷ smallest library: {spread:.2f}×  target ≤ 1.3× {_verdict(spread, 1.3)}")


def run_bench(args: argparse.Namespace) -> int:
    try:
        sizes = [int(s.replace("_", "")) for s in str(args.sizes).split(",") if s.strip()]
    except ValueError:
        print(f"qkvstudy bench: --sizes wants whole numbers, e.g. 1000,10000 (got {args.sizes!r})", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 1 or args.repeats < 1:
        print("qkvstudy bench: --sizes and --repeats must be at least 1", file=sys.stderr)
        return 2
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="qkvstudy-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    def say(line: str) -> None:
        print(line, flush=True)

    say(
        f"qkvstudy bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}, sizes {sizes}, "
        f"{args.repeats} runs of each figure, work folder {work}"
    )
    compile_package()
    say("bytecode: the package's modules compiled where missing or stale, as `pip install .` leaves them")
    results = [measure_size(work, n, args.repeats, args.skip, say) for n in sorted(sizes)]
    _print_growth(results, say)
    scheduling = {}
    if "schedule" not in args.skip:
        scheduling = measure_scheduling(work, max(sizes), args.grades, say)
    app: dict[str, list[float]] = {}
    if "tui" not in args.skip:
        app = measure_app(work, min(max(sizes), APP_NOTES), args.repeats, say)
    if args.json_out:
        args.json_out.write_text(json.dumps({"sizes": results, "scheduling": scheduling, "app": app}, indent=1))
    return 0

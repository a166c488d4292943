"""`qkvstudy stats | optimize | simulate`: what the commands print (the work is in schedule/*)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from qkvstudy import config
from qkvstudy.i18n import t

if TYPE_CHECKING:
    from qkvstudy.schedule.stats import Histogram, Retention, Stats


def run(args: argparse.Namespace, study: Any) -> int:
    return {"stats": _stats, "optimize": _optimize, "simulate": _simulate}[args.command](args, study)


def _pct(value: float | None) -> str:
    return t("insight.stats.none") if value is None else f"{value:.0%}"


def _retention(r: Any) -> str:
    return f"{_pct(r.rate)} ({r.passed}/{r.passed + r.failed})"


def _stats(args: argparse.Namespace, study: Any) -> int:
    return print_stats(args, study.insight.stats(topic=args.topic))


def print_stats(args: argparse.Namespace, stats: Stats) -> int:
    """`qkvstudy stats` prints the same from the Study and from facade.quick_stats."""
    from qkvstudy.schedule.stats import PERIODS

    if args.json:
        json.dump(to_json(stats), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    out = [t("insight.stats.header", today=stats.today.isoformat())]
    out.append(
        t("insight.stats.total", total=stats.total_reviews, current=stats.streak_current, longest=stats.streak_longest)
    )
    last7 = [stats.reviews_per_day.get(stats.today - timedelta(days=i), 0) for i in range(6, -1, -1)]
    out.append(t("insight.stats.last7", days=" ".join(map(str, last7))))
    first7 = list(stats.forecast.values())[:7]
    out.append(t("insight.stats.forecast", days=" ".join(map(str, first7)), load=stats.daily_load))
    out.append(t("insight.stats.retention"))
    for period in PERIODS:
        r = stats.retention[period]
        out.append(
            "  "
            + t(
                "insight.stats.retention_row",
                period=t(f"insight.stats.period.{period}"),
                young=_retention(r["young"]),
                mature=_retention(r["mature"]),
            )
        )
    out.append(t("insight.stats.buttons"))
    for kind, counts in stats.buttons.items():
        out.append(f"  {t(f'insight.stats.kind.{kind}')}: {' / '.join(map(str, counts))}")
    out.append(t("insight.stats.topics"))
    for tp in stats.topics:
        s = t("insight.stats.none") if tp.avg_stability is None else t("common.unit.days", n=f"{tp.avg_stability:.1f}")
        out.append(
            "  "
            + t(
                "insight.stats.topic_row",
                topic=tp.topic or "-",
                notes=tp.notes,
                r=_pct(tp.avg_retrievability),
                s=s,
                due=tp.due,
            )
        )
        if tp.weakest:
            names = " · ".join(f"{w.title} ({w.retrievability:.0%})" for w in tp.weakest)
            out.append("  " + t("insight.stats.weakest", notes=names))
    if stats.drills:
        out.append(t("insight.stats.drills"))
        for d in stats.drills:
            secs = t("insight.stats.none") if d.avg_seconds is None else f"{d.avg_seconds:.0f} s"
            out.append(
                "  " + t("insight.stats.drill_row", type=d.type, attempts=d.attempts, accuracy=d.accuracy, seconds=secs)
            )
        if stats.mistakes:
            items = ", ".join(f"{m.type} L{m.level} ×{m.wrong}" for m in stats.mistakes)
            out.append("  " + t("insight.stats.mistakes", items=items))
    out.append(t("insight.stats.leeches", n=len(stats.leeches)))
    for lc in stats.leeches:
        out.append(
            t(
                "insight.stats.leech_row",
                title=lc.path or lc.title,
                lapses=lc.lapses,
                suspended=t("insight.stats.suspended") if lc.suspended else "",
            )
        )
    print("\n".join(out))
    return 0


def _optimize(args: argparse.Namespace, study: Any) -> int:
    path = config.settings_path()
    if args.reset:
        study.insight.reset_parameters(path)
        print(t("insight.optimize.reset", path=path))
        return 0
    result = study.insight.optimize(path)
    if result.status == "too_little":
        print(
            t(
                "insight.optimize.too_little",
                have=result.reviews,
                need=result.needed,
                missing=max(0, result.needed - result.reviews),
            )
        )
        return 1
    print(t("insight.optimize.split", train=result.train, test=result.test))
    for name, ev in (("default", result.default), ("fitted", result.fitted)):
        print("  " + t("insight.optimize.row", name=t(f"insight.optimize.{name}"), loss=ev.log_loss, rmse=ev.rmse_bins))
    if result.status == "saved":
        print(t("insight.optimize.saved", path=path))
        print("fsrs_parameters = [" + ", ".join(f"{w:.4f}" for w in result.parameters) + "]")
    else:
        print(t("insight.optimize.not_better"))
    return 0


def _simulate(args: argparse.Namespace, study: Any) -> int:
    if args.reschedule:
        moved, problems = study.insight.reschedule()
        for problem in problems:
            print(problem, file=sys.stderr)
        print(t("insight.simulate.rescheduled", n=moved))
        return 1 if problems else 0
    table = study.insight.retention_table()
    s = study.settings
    deck = table[0].deck_size if table else 0
    print(t("insight.simulate.header", deck=deck, new=s.new_per_day, reviews=s.reviews_per_day))
    print(t("insight.simulate.columns"))
    for row in table:
        mark = "*" if abs(row.retention - s.desired_retention) < 1e-9 else " "
        print(
            t(
                "insight.simulate.row",
                mark=mark,
                retention=row.retention,
                reviews=row.reviews_per_day,
                minutes=row.minutes_per_day,
                kept=row.remembered,
            )
        )
    print(t("insight.simulate.hint"))
    return 0


def to_json(stats: Stats) -> dict[str, Any]:
    """The `--json` object: ISO dates, plain numbers (documented keys first)."""

    def ret(r: Retention) -> dict[str, Any]:
        return {"passed": r.passed, "failed": r.failed, "rate": r.rate}

    def hist(h: Histogram) -> dict[str, Any]:
        return {"edges": [e if e != float("inf") else None for e in h.edges], "counts": list(h.counts)}

    return {
        "reviews_per_day": {d.isoformat(): n for d, n in stats.reviews_per_day.items()},
        "forecast": {d.isoformat(): n for d, n in stats.forecast.items()},
        "true_retention": {k: ret(v) for k, v in stats.retention["all"].items()},
        "topics": [
            {
                "topic": t.topic,
                "notes": t.notes,
                "avg_retrievability": t.avg_retrievability,
                "avg_stability": t.avg_stability,
                "due": t.due,
                "weakest": [{"title": w.title, "path": w.path, "retrievability": w.retrievability} for w in t.weakest],
            }
            for t in stats.topics
        ],
        "drills": [
            {"type": d.type, "attempts": d.attempts, "accuracy": d.accuracy, "avg_seconds": d.avg_seconds}
            for d in stats.drills
        ],
        "today": stats.today.isoformat(),
        "total_reviews": stats.total_reviews,
        "seconds_per_day": {d.isoformat(): round(s, 1) for d, s in stats.seconds_per_day.items()},
        "streak": {"current": stats.streak_current, "longest": stats.streak_longest},
        "daily_load": stats.daily_load,
        "true_retention_by_period": {p: {k: ret(v) for k, v in r.items()} for p, r in stats.retention.items()},
        "buttons": {k: list(v) for k, v in stats.buttons.items()},
        "stability": hist(stats.stability),
        "difficulty": hist(stats.difficulty),
        "retrievability": hist(stats.retrievability),
        "mistakes": [
            {"type": m.type, "level": m.level, "wrong": m.wrong, "attempts": m.attempts} for m in stats.mistakes
        ],
        "leeches": [
            {"card_id": lc.card_id, "title": lc.title, "path": lc.path, "lapses": lc.lapses, "suspended": lc.suspended}
            for lc in stats.leeches
        ],
    }

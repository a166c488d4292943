"""Where things live, the user's settings, and the one clock everything reads.

Precedence, everywhere: command-line option > environment variable > settings file > default.
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import time as _time
import tomllib
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from qkvstudy.errors import QkvError
from qkvstudy.i18n import LANGUAGES, t

APP_NAME = "qkvstudy"


class UsageError(QkvError):
    """A bad option or setting: printed as one line, exit status 2."""


# --- the clock ------------------------------------------------------------------------


def now() -> datetime:
    """The current time, UTC and aware.

    QKVSTUDY_NOW (an ISO 8601 date-time, e.g. 2026-11-24T09:30:00+08:00; a naive value is
    taken as UTC) replaces the system clock everywhere: tests and simulations use it.
    """
    fixed = os.environ.get("QKVSTUDY_NOW")
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise UsageError(f"QKVSTUDY_NOW={fixed!r} is not an ISO date-time ({exc})") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        try:
            return moment.astimezone(UTC)
        except (OverflowError, ValueError):
            raise UsageError(f"QKVSTUDY_NOW={fixed!r} is out of range") from None
    return datetime.now(UTC)


def local_tz() -> tzinfo:
    """The local time zone with its real rules (zoneinfo: daylight saving included), TZ honoured.

    A fixed offset taken "now" would put every date on the far side of a daylight-saving change
    an hour off. TZ names a zone (`Europe/Berlin`, `:America/New_York`, a zone file's path); unset,
    /etc/localtime is the zone. Only a TZ that zoneinfo cannot read (a POSIX rule string such as
    `EST5EDT,M3.2.0,M11.1.0`) falls back to the C library's local time, which follows the same rules.
    """
    return _zone(os.environ.get("TZ"))


@functools.lru_cache(maxsize=16)
def _zone(key: str | None) -> tzinfo:
    name = (key or "").lstrip(":")
    try:
        if not name:
            with open("/etc/localtime", "rb") as fh:
                return ZoneInfo.from_file(fh, key="localtime")
        if os.path.isabs(name):
            with open(name, "rb") as fh:
                return ZoneInfo.from_file(fh, key=name)
        return ZoneInfo(name)
    except (OSError, ValueError, ZoneInfoNotFoundError):
        return _SystemLocal()


class _SystemLocal(tzinfo):
    """The C library's local time (time.localtime/mktime): its rules, whatever TZ says."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(seconds=_time.localtime().tm_gmtoff)
        stamp = _time.mktime((*dt.replace(tzinfo=None).timetuple()[:8], -1))
        return timedelta(seconds=_time.localtime(stamp).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return _time.tzname[0]

    def fromutc(self, dt: datetime) -> datetime:
        stamp = (dt.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds()
        return dt + timedelta(seconds=_time.localtime(stamp).tm_gmtoff)


def study_day(moment: datetime, day_starts_at: int) -> date:
    """The study day a moment belongs to: days turn over at `day_starts_at` o'clock local time."""
    local = moment.astimezone(local_tz())
    return (local - timedelta(hours=day_starts_at)).date()


def day_start(moment: datetime, day_starts_at: int) -> datetime:
    """UTC start of the study day containing `moment`."""
    d = study_day(moment, day_starts_at)
    start_local = datetime.combine(d, time(hour=day_starts_at)).replace(tzinfo=local_tz())
    return start_local.astimezone(UTC)


# --- directories ----------------------------------------------------------------------


def data_dir() -> Path:
    """Per-user data directory (database, the copied starter library). QKVSTUDY_DATA_DIR overrides."""
    return Path(os.environ.get("QKVSTUDY_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    """Per-user config directory (settings.toml, UI prefs). QKVSTUDY_CONFIG_DIR overrides."""
    return Path(os.environ.get("QKVSTUDY_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def database_url(option: str | None = None) -> str:
    """`--db PATH_OR_URL` > QKVSTUDY_DB > <data dir>/qkvstudy.db. Any SQLAlchemy URL is accepted."""
    value = option or os.environ.get("QKVSTUDY_DB")
    if value and "://" in value:
        return value
    path = Path(value).expanduser() if value else data_dir() / "qkvstudy.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def bundled_notes() -> Path | None:
    """The starter library shipped with the package (a wheel) or beside it (a source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_bundled_notes", here.parent / "notes"):
        if candidate.is_dir():
            return candidate
    return None


def notes_root(option: str | None = None) -> Path:
    """`--notes DIR` > QKVSTUDY_NOTES > ./notes when it exists > the bundled notes, copied once
    into the data directory so the user's edits never touch the installed package."""
    value = option or os.environ.get("QKVSTUDY_NOTES")
    if value:
        root = Path(value).expanduser()
        if root.exists() and not root.is_dir():
            raise UsageError(f"{root}: notes library is not a directory")
        root.mkdir(parents=True, exist_ok=True)
        return root.resolve()
    local = Path.cwd() / "notes"
    if local.is_dir():
        return local.resolve()
    copied = data_dir() / "notes"
    if not copied.is_dir():
        source = bundled_notes()
        copied.parent.mkdir(parents=True, exist_ok=True)
        if source is not None:
            shutil.copytree(source, copied)
        else:
            copied.mkdir()
    return copied.resolve()


# --- settings ---------------------------------------------------------------------------


# Beyond these, dates overflow or the queue's limits stop meaning anything.
MAX_PER_DAY = 100_000
MAX_INTERVAL_DAYS = 36_500 * 2
MAX_STEPS = 20
MAX_STEP_MINUTES = 525_600


@dataclass(frozen=True)
class Settings:
    """settings.toml in the config directory. Anki's defaults."""

    desired_retention: float = 0.9
    learning_steps_minutes: tuple[float, ...] = (1.0, 10.0)
    relearning_steps_minutes: tuple[float, ...] = (10.0,)
    maximum_interval_days: int = 36500
    enable_fuzzing: bool = True
    day_starts_at: int = 4  # local hour at which "today" turns over
    new_per_day: int = 20
    reviews_per_day: int = 200
    write_back: bool = True  # update the scheduling keys in each note's front-matter
    drill_tolerance: float = 0.02
    language: str = "zh"  # zh | en: every screen and command; QKVSTUDY_LANG and --lang win over it
    leech_threshold: int = 8  # lapses that make a card a leech
    leech_action: str = "suspend"  # "suspend" | "mark"
    fsrs_parameters: tuple[float, ...] = ()  # fitted by `qkvstudy optimize`; empty = FSRS-6 defaults

    def validate(self) -> Settings:
        numbers = [v for v in asdict(self).values() if isinstance(v, float)]
        numbers += [s for s in self.learning_steps_minutes + self.relearning_steps_minutes]
        if not all(math.isfinite(v) for v in numbers):
            raise UsageError("settings must be finite numbers (not nan or inf)")
        if not 0.70 <= self.desired_retention <= 0.99:
            raise UsageError(f"desired_retention must be between 0.70 and 0.99, not {self.desired_retention}")
        if not 0 <= self.day_starts_at <= 23:
            raise UsageError(f"day_starts_at must be an hour 0–23, not {self.day_starts_at}")
        if not (0 <= self.new_per_day <= MAX_PER_DAY and 0 <= self.reviews_per_day <= MAX_PER_DAY):
            raise UsageError(f"new_per_day and reviews_per_day must be between 0 and {MAX_PER_DAY}")
        if not 1 <= self.maximum_interval_days <= MAX_INTERVAL_DAYS:
            raise UsageError(f"maximum_interval_days must be between 1 and {MAX_INTERVAL_DAYS}")
        steps = self.learning_steps_minutes + self.relearning_steps_minutes
        if len(steps) > MAX_STEPS or any(s > MAX_STEP_MINUTES for s in steps):
            raise UsageError(f"at most {MAX_STEPS} steps, each at most {MAX_STEP_MINUTES} minutes (a year)")
        if not 0 < self.drill_tolerance < 1:
            raise UsageError("drill_tolerance must be between 0 and 1")
        if self.language not in LANGUAGES:
            raise UsageError(t("cli.settings.bad_language", value=repr(self.language), choices=", ".join(LANGUAGES)))
        if self.leech_threshold < 1:
            raise UsageError("leech_threshold must be ≥ 1")
        if self.leech_action not in ("suspend", "mark"):
            raise UsageError(f"leech_action must be suspend or mark, not {self.leech_action!r}")
        if self.fsrs_parameters and len(self.fsrs_parameters) != 21:
            raise UsageError("fsrs_parameters must be the 21 FSRS-6 weights (`qkvstudy optimize --reset` clears them)")
        if any(s <= 0 for s in self.learning_steps_minutes + self.relearning_steps_minutes):
            raise UsageError("learning and relearning steps must be positive minutes")
        return self

    def to_toml(self) -> str:
        lines = []
        for key, value in asdict(self).items():
            if isinstance(value, bool):
                text = "true" if value else "false"
            elif isinstance(value, tuple):
                text = "[" + ", ".join(repr(float(v)) for v in value) + "]"
            else:
                text = repr(value)
            lines.append(f"{key} = {text}")
        return "\n".join(lines) + "\n"


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read settings.toml; a missing file means defaults; an unknown key or bad value is a UsageError."""
    path = path or settings_path()
    if not path.is_file():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: {exc}") from None
    known = {f.name: f for f in fields(Settings)}
    values = {}
    for key, value in raw.items():
        if key not in known:
            raise UsageError(f"{path}: unknown setting {key!r} (known: {', '.join(known)})")
        default = getattr(Settings(), key)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, (int, float)) for v in value):
                raise UsageError(f"{path}: {key} must be a list of numbers")
            value = tuple(float(v) for v in value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise UsageError(f"{path}: {key} must be true or false")
        elif isinstance(default, str):
            if not isinstance(value, str):
                raise UsageError(t("cli.settings.not_text", path=str(path), key=key))
        elif isinstance(default, (int, float)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise UsageError(f"{path}: {key} must be a number")
            if isinstance(default, int) and not isinstance(value, int):
                raise UsageError(f"{path}: {key} must be a whole number")
        values[key] = value
    return Settings(**values).validate()

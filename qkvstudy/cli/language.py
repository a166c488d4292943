"""The language of a run, chosen before anything is printed (the help text included):
`--lang` > QKVSTUDY_LANG > `language` in settings.toml > Chinese."""

from __future__ import annotations

import os

from qkvstudy import config, i18n
from qkvstudy.i18n import t


def start_language(option: str | None) -> str:
    if option in i18n.LANGUAGES:
        return i18n.set_language(option)
    # An invalid --lang falls through here; the parser then names it as an invalid choice.
    env = os.environ.get("QKVSTUDY_LANG", "").strip()
    if env:
        code = env.lower().replace("-", "_").split("_")[0]  # en, en_US, en-GB, EN: English
        if code not in i18n.LANGUAGES:
            i18n.set_language(None)
            raise config.UsageError(t("cli.bad_lang_env", value=env, choices=", ".join(i18n.LANGUAGES)))
        return i18n.set_language(code)
    try:
        setting = config.load_settings().language
    except config.UsageError:
        setting = None  # a broken settings file is reported by the command that reads it
    return i18n.set_language(setting)

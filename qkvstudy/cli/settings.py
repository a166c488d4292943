"""`qkvstudy config`: the settings in effect and where everything lives."""

from __future__ import annotations

import argparse
import dataclasses

from qkvstudy import config, i18n
from qkvstudy.cli.command import Command, no_arguments
from qkvstudy.cli.opening import check_paths
from qkvstudy.i18n import t


def _config(args: argparse.Namespace) -> int:
    check_paths(args)
    settings = config.load_settings()
    # What this run would use: the options and the environment win over the file.
    effective = dataclasses.replace(
        settings, language=i18n.language(), write_back=settings.write_back and not args.no_write_back
    )
    path = config.settings_path()
    print(t("cli.config.file", path=str(path)) + ("" if path.is_file() else t("cli.config.file_absent")))
    print(effective.to_toml(), end="")
    print(t("cli.config.database", url=config.database_url(args.db)))
    print(t("cli.config.notes", path=str(config.notes_root(args.notes))))
    return 0


CONFIG = Command("config", "cli.config.help", no_arguments, _config)

"""Every test runs with its own config and data directories: nothing touches the real home."""

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QKVSTUDY_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("QKVSTUDY_DATA_DIR", str(base / "data"))
    for var in ("QKVSTUDY_DB", "QKVSTUDY_NOTES", "QKVSTUDY_NOW"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    yield base

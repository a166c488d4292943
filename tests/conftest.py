"""Every test runs with its own config and data directories: nothing touches the real home."""

import os

import pytest
from hypothesis import HealthCheck, settings

# No per-example deadline anywhere: shared 2-core machines stall now and then, and a deadline
# there measures the neighbours. CI runs a fixed set of examples so a landing never depends on luck;
# local runs keep exploring new ones.
settings.register_profile("local", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QKVSTUDY_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("QKVSTUDY_DATA_DIR", str(base / "data"))
    for var in ("QKVSTUDY_DB", "QKVSTUDY_NOTES", "QKVSTUDY_NOW"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    yield base


@pytest.fixture
def english():
    """English for one test: the tests that read the core's messages in English (the default is Chinese)."""
    from qkvstudy.i18n import language, set_language

    before = language()
    set_language("en")
    yield
    set_language(before)

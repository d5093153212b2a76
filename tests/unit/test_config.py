"""Settings: defaults, TOML, environment, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.config import DEFAULT_STAGES, Settings
from tidings.errors import ConfigError


def test_settings_defaults_use_every_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIDINGS_DB", raising=False)
    s = Settings.load()
    assert s.db == "tidings.duckdb" and s.stages == list(DEFAULT_STAGES)


def test_settings_env_then_file_then_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIDINGS_DB", "env.duckdb")
    assert Settings.load().db == "env.duckdb"
    cfg = tmp_path / "t.toml"
    cfg.write_text('[tidings]\ndb = "file.duckdb"\nbatch_size = 8\nactors_files = ["a.yaml"]\n')
    s = Settings.load(cfg)
    assert (s.db, s.batch_size, s.actors_files) == ("file.duckdb", 8, [Path("a.yaml")])
    assert Settings.load(cfg, db="cli.duckdb").db == "cli.duckdb"


def test_settings_unknown_key_is_a_config_error(tmp_path: Path) -> None:
    cfg = tmp_path / "t.toml"
    cfg.write_text("colour = 'red'\n")
    with pytest.raises(ConfigError, match="colour"):
        Settings.load(cfg)


def test_settings_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        Settings.load(tmp_path / "missing.toml")

"""components.settings: every KEMBAR_* variable, one truthiness rule, defaults when unset."""

from pathlib import Path

import pytest

from components import DATA_PATH, settings


@pytest.mark.parametrize("value, on", [
    ("1", True), ("true", True), ("TRUE", True), (" yes ", True), ("On", True),
    ("0", False), ("false", False), ("no", False), ("", False), (None, False), ("2", False),
])
def test_one_truthiness_rule(value, on):
    assert settings.is_on(value) is on


def test_defaults_when_nothing_is_set():
    found = settings.Settings.from_env({})
    assert found == settings.Settings()
    assert found.data == DATA_PATH and not found.online and not found.tiles
    assert found.cache_dir is None


def test_every_variable_is_read():
    found = settings.Settings.from_env({
        "KEMBAR_DATA": "/x/p.csv", "KEMBAR_ONLINE": "yes", "KEMBAR_NOMINATIM_URL": "http://h:1",
        "KEMBAR_CACHE": "/x/c.json", "KEMBAR_CACHE_DIR": "/x/cache", "KEMBAR_TILES": "1",
        "KEMBAR_REQUIRE_BROWSER": "true"})
    assert found == settings.Settings(Path("/x/p.csv"), True, "http://h:1", Path("/x/c.json"),
                                      Path("/x/cache"), True, True)


def test_readme_documents_every_variable():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    names = [value for name, value in vars(settings).items()
             if isinstance(value, str) and value.startswith("KEMBAR_")]
    assert len(names) == 7
    assert all(f"| `{name}` |" in readme for name in names)


def test_cli_honours_kembar_data(tmp_path, monkeypatch, capsys):
    from components.__main__ import main
    data = tmp_path / "partnerships.csv"
    data.write_text("id,id_name\n", encoding="utf-8")
    monkeypatch.setenv("KEMBAR_DATA", str(data))
    assert main(["validate"]) == 2
    assert str(data) in capsys.readouterr().out

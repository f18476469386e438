"""python/venv, the virtual environment of each interpreter: found on
PATH or among pyenv's versions, one line naming what it tried when
there is none, and a venv that lost its python or a package is named
and made sound again."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

VENV = ROOT / "python" / "venv"


def venv(*args, env=None):
    return subprocess.run([str(VENV), *args], capture_output=True,
                          text=True, timeout=900,
                          env={**os.environ, **(env or {})})


def script(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{text}\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def fake_world(tmp_path):
    """A PATH whose python3.77 is a pyenv shim for a version not
    selected, and a pyenv root where 3.77 is installed (as this very
    Python, renamed)."""
    script(tmp_path / "bin" / "python3.77",
           'echo "pyenv: python3.77: command not found" >&2; exit 127')
    real = tmp_path / "pyenv" / "versions" / "3.77.1" / "bin"
    real.mkdir(parents=True)
    (real / "python3.77").symlink_to(sys.executable)
    return {"PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
            "PYENV_ROOT": str(tmp_path / "pyenv")}


@pytest.mark.parametrize("name", ["python3.77", "3.77"])
def test_a_pyenv_version_is_found_past_a_shim_that_fails(fake_world,
                                                         tmp_path, name):
    done = venv("--which", name, env=fake_world)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == \
        f"{tmp_path}/pyenv/versions/3.77.1/bin/python3.77\n"


def test_a_missing_interpreter_is_one_line_naming_what_was_tried(
        tmp_path):
    env = {"PYENV_ROOT": str(tmp_path)}
    done = venv("--check", "3.99", env=env)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(
        "python/venv: cannot find Python 'python3.99'; tried python3.99 "
        "on PATH (not there); ")
    assert f"{tmp_path}/versions/3.99*/bin/python3.99 (none)" in \
        done.stderr


def test_a_shim_that_does_not_run_is_named(fake_world, tmp_path):
    for version in (tmp_path / "pyenv" / "versions").iterdir():
        (version / "bin" / "python3.77").unlink()
    done = venv("--check", "python3.77", env=fake_world)
    assert done.returncode == 2
    assert f"{tmp_path}/bin/python3.77 (does not run: pyenv: python3.77:" \
           f" command not found)" in done.stderr


def test_too_old_a_python_is_named(tmp_path):
    old = script(tmp_path / "python3.9", "echo 3.9.18")
    done = venv("--check", str(old))
    assert (done.returncode, done.stderr) == (
        2, f"python/venv: cannot find Python '{old}'; tried {old} "
           f"(Python 3.9.18; chankit needs 3.11 or newer)\n")


def test_an_empty_python_is_one_line():
    done = venv("--check", "")
    assert done.returncode == 2
    assert done.stderr.startswith("python/venv: PYTHON is empty: ")
    assert done.stderr.count("\n") == 1


def test_a_venv_that_lost_its_python_is_named(tmp_path):
    (tmp_path / "v" / "bin").mkdir(parents=True)
    done = venv("--check", "--dir", str(tmp_path / "v"), sys.executable)
    assert (done.returncode, done.stdout) == (
        1, f"python/venv: {tmp_path}/v: its python is missing\n")
    script(tmp_path / "v" / "bin" / "python", "echo 3.9")
    done = venv("--check", "--dir", str(tmp_path / "v"), sys.executable)
    assert done.stdout == f"python/venv: {tmp_path}/v: it is Python 3.9," \
        f" and {sys.executable} is 3.{sys.version_info[1]}\n"


def test_a_venv_without_the_pins_is_named(tmp_path):
    subprocess.run([sys.executable, "-m", "venv", "--without-pip",
                    str(tmp_path / "v")], check=True)
    done = venv("--check", "--dir", str(tmp_path / "v"), sys.executable)
    assert (done.returncode, done.stdout) == (
        1, f"python/venv: {tmp_path}/v: setuptools is not installed\n")


def check_module():
    spec = importlib.util.spec_from_file_location(
        "venv_check", ROOT / "python" / "venv-check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_this_venv_is_sound():
    assert check_module().problem() == ""


def test_a_package_whose_files_are_gone_is_named(monkeypatch):
    """pip still lists it; its import would fail."""
    check = check_module()
    real = importlib.util.find_spec
    monkeypatch.setattr(check.importlib.util, "find_spec",
                        lambda name: None if name == "numpy"
                        else real(name))
    assert check.problem() == "numpy is not importable (no module numpy)"


def test_a_package_at_another_version_is_named(monkeypatch):
    check = check_module()
    monkeypatch.setattr(check, "pins", lambda: [("numpy", "0.0.1")])
    assert check.problem().startswith("numpy is ")
    assert check.problem().endswith(", not the pinned 0.0.1")


def test_a_broken_venv_is_made_sound_again(tmp_path):
    """Made from nothing, saying what it does; a package uninstalled
    is put back; a python lost makes it again."""
    v = tmp_path / "v"
    made = venv("--dir", str(v), sys.executable)
    assert made.returncode == 0, made.stderr
    assert made.stdout == f"{v}/bin/python\n"
    assert f"python/venv: creating {v} with {sys.executable}" in \
        made.stderr
    assert "pinned packages into" in made.stderr
    calm = {k: x for k, x in os.environ.items()  # pip warns of itself
            if k not in ("PYTHONWARNINGS", "PYTHONDEVMODE")}
    subprocess.run([str(v / "bin" / "python"), "-m", "pip", "uninstall",
                    "-q", "-y", "psutil"], check=True, env=calm)
    mended = venv("--dir", str(v), sys.executable)
    assert mended.returncode == 0, mended.stderr
    assert mended.stderr.startswith(
        f"python/venv: {v}: psutil is not installed\n")
    for python in (v / "bin").glob("python*"):
        python.unlink()
    again = venv("--dir", str(v), sys.executable)
    assert again.returncode == 0, again.stderr
    assert again.stderr.startswith(
        f"python/venv: {v}: its python is missing; making it again\n")
    assert venv("--check", "--dir", str(v), sys.executable).returncode \
        == 0
    assert Path(again.stdout.strip()).exists()

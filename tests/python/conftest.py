"""Shared fixtures of the Python module's tests: the built CLI, the source tree, a work folder.
ctest sets PYTHONPATH (build/python), LIMEN_CLI and LIMEN_SOURCE_DIR (tests/CMakeExtra.cmake)."""
import json
import os
import subprocess

import pytest

SOURCE = os.environ.get("LIMEN_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
CLI = os.environ.get("LIMEN_CLI", os.path.join(SOURCE, "build", "limen"))


def run_cli(*args, check=True):
    """Runs the built `limen` and returns (status, stdout, stderr)."""
    p = subprocess.run([CLI, "--quiet", *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"limen {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p.returncode, p.stdout, p.stderr


def cli_json(*args):
    return json.loads(run_cli(*args, "--format", "json")[1])


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def source():
    return SOURCE

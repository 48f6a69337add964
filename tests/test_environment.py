"""The environment files agree: conda installs the same pinned lock as pip, and torch
is pinned to the CPU build that lies on the machines' disk."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def pins(path):
    out = {}
    for line in Path(path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"{path}: {line!r} is not pinned with =="
            name = name.lower().replace("_", "-")
            extras = re.fullmatch(r"(.+)\[(.+)\]", name)
            if extras:  # psycopg[binary] locks psycopg and psycopg-binary
                name = extras[1]
                out.update({f"{name}-{e.strip()}": version for e in extras[2].split(",")})
            out[name] = version
    return out


def test_environment_yml_installs_the_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-r requirements.txt" in pip and "-e ." in pip
    assert "python=3.11" in env["dependencies"]


def test_lock_pins_every_top_level_requirement():
    top, lock = pins(ROOT / "requirements.in"), pins(ROOT / "requirements.txt")
    assert top["torch"] == "2.13.0" and lock["torch"] == "2.13.0"
    for name, version in top.items():
        assert lock.get(name) == version, f"{name}: requirements.in {version}, lock {lock.get(name)}"


def test_installed_versions_match_the_lock():
    from importlib.metadata import version
    lock = pins(ROOT / "requirements.txt")
    for name in ("nbgrader", "numpy", "jupyterlab", "scikit-learn", "networkx"):
        assert version(name) == lock[name]
    assert re.match(r"2\.13\.0(\+cpu)?$", version("torch"))


GROUPED = '''
import os, pytest

@pytest.fixture(scope="module")
def built():
    with open(os.environ["BUILT_LOG"], "a") as f:
        f.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")

@pytest.mark.xdist_group("one")
@pytest.mark.parametrize("i", range(6))
def test_grouped(built, i):
    pass

@pytest.mark.parametrize("i", range(6))
def test_free(i):
    pass
'''


def test_xdist_groups_stay_on_one_worker(tmp_path):
    """The suite relies on --dist loadgroup (pyproject.toml): a group's fixtures, such as
    the adversarial catalogue's graded course, are built once, on one test worker.
    pytest 9.2 silently broke this (pytest-xdist#1386); requirements.in pins around it."""
    import os
    import subprocess
    import sys
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    log = tmp_path / "built.log"
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "-n", "2", "--dist", "loadgroup", "-o", "addopts=", str(tmp_path)],
                         cwd=tmp_path, env={**os.environ, "BUILT_LOG": str(log)},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout[-2000:]
    built_on = log.read_text().split()
    assert len(built_on) == 1, f"the group's fixture was built on several workers: {built_on}"


def test_nbformat_imports_without_building_an_iri_parser():
    """`make venv` removes rfc3987-syntax (Makefile): imported by jsonschema, it costs
    every nbgrader command 2-4 s of CPU building a parser that nothing here uses."""
    import importlib.util
    assert importlib.util.find_spec("rfc3987_syntax") is None, \
        "rfc3987-syntax is installed: rebuild the environment with `make venv`"

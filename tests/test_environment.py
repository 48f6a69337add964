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
            out[name.lower().replace("_", "-")] = version
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

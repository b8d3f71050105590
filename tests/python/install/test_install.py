"""`pip install --no-index --no-build-isolation ./python` into a new virtual environment (what the
README says) installs a module that imports and searches from that environment's Python, with
nothing from a package index. The build directory is ctest's (FAREFLOW_BUILD_DIR), already built,
so pip only packs it."""

import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile

import pytest

import helpers

TIMEOUT_S = 240


def _run(command, **kwargs):
    run = subprocess.run([str(c) for c in command], capture_output=True, text=True,
                         timeout=TIMEOUT_S, **kwargs)
    assert run.returncode == 0, f"{command}\n{run.stdout}\n{run.stderr}"
    return run


@pytest.fixture(scope="module")
def build_env():
    if "FAREFLOW_BUILD_DIR" not in os.environ:
        pytest.skip("FAREFLOW_BUILD_DIR names the build directory to install from (ctest sets it)")
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the venv must find the installed module, not the build's
    env["PIP_NO_INDEX"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def venv(build_env, tmp_path_factory):
    root = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", root])
    return root / "bin" / "python"


@pytest.mark.parametrize("options", [
    ["--no-build-isolation"], [], ["--no-build-isolation", "-e"]
], ids=["no_build_isolation", "build_isolation", "editable"])
def test_pip_installs_a_module_that_searches(venv, build_env, options):
    _run([venv, "-m", "pip", "install", "--no-index", "--force-reinstall", *options,
          helpers.SOURCE_DIR / "python"], env=build_env, cwd=venv.parent)
    shown = _run([venv, "-m", "pip", "show", "-f", "fareflow"], env=build_env).stdout
    assert "Name: fareflow" in shown
    script = (
        "import json, sys, fareflow\n"
        "request = json.loads(sys.argv[1])\n"
        "payloads = [(k, open(f, 'rb').read()) for k, f in json.loads(sys.argv[2])]\n"
        "result = fareflow.search(request, payloads)\n"
        "print(fareflow.__file__)\n"
        "sys.stdout.write(result.json(timings=False).decode())\n")
    case = helpers.ROUND_TRIP_DIR
    payloads = [["amadeus", str(case / "amadeus.json")], ["duffel", str(case / "duffel.json")]]
    run = _run([venv, "-c", script, (case / "request.json").read_text(), json.dumps(payloads)],
               env=build_env, cwd=venv.parent)
    where, answer = run.stdout.split("\n", 1)
    # installed in the venv; editable: found through the venv's path to the build
    home = os.environ["FAREFLOW_BUILD_DIR"] if "-e" in options else venv.parent.parent
    assert os.path.realpath(where).startswith(os.path.realpath(home)), where
    assert answer + "\n" == (case / "expected.json").read_text()


def test_the_wheel_is_well_formed(venv, build_env, tmp_path):
    _run([venv, "-m", "pip", "wheel", "--no-index", "--no-build-isolation", "--no-deps",
          "-w", tmp_path, helpers.SOURCE_DIR / "python"], env=build_env, cwd=tmp_path)
    (wheel,) = tmp_path.glob("fareflow-*.whl")
    tag = _run([venv, "-c", "import sys, sysconfig; v = f'cp{sys.version_info[0]}"
                "{sys.version_info[1]}'; print(v + '-' + v + '-' + sysconfig.get_platform()"
                ".replace('-', '_').replace('.', '_'))"], env=build_env).stdout.strip()
    assert wheel.name.endswith(f"-{tag}.whl"), wheel.name
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/WHEEL"))
        assert f"Tag: {tag}" in z.read(f"{info}/WHEEL").decode()
        assert "Root-Is-Purelib: false" in z.read(f"{info}/WHEEL").decode()
        assert "Name: fareflow" in z.read(f"{info}/METADATA").decode()
        record = z.read(f"{info}/RECORD").decode().splitlines()
        assert sorted(line.split(",")[0] for line in record) == sorted(names)
        assert "fareflow/__init__.py" in names
        assert any(n.startswith("fareflow/_fareflow.") and n.endswith(".so") for n in names)
        assert not any("__pycache__" in n for n in names)
        for line in record:
            name, digest, size = line.rsplit(",", 2)
            if name.endswith("RECORD"):
                continue
            data = z.read(name)
            assert int(size) == len(data)
            assert digest == "sha256=" + base64.urlsafe_b64encode(
                hashlib.sha256(data).digest()).rstrip(b"=").decode()

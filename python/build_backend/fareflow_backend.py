"""The PEP 517 build backend of the fareflow Python module, in plain standard-library Python.

The module is not built here: CMake builds the target `fareflow_python` in a build directory of
this repository (FAREFLOW_BUILD_DIR, default `<repository>/build`, the one `make` uses), which
writes the package to `<build>/python/fareflow/` (the native `_fareflow<EXT_SUFFIX>` beside the
Python layer). This backend runs that build and zips that folder into a wheel, so installing needs
nothing from a package index: `pip install --no-index [--no-build-isolation] ./python`.

Hooks: build_wheel, build_editable (a wheel holding a .pth file that points at
`<build>/python`, so a rebuild is seen without reinstalling), the prepare_metadata_* and
get_requires_* hooks (no requirements). build_sdist raises UnsupportedOperation: the module is
built from the whole repository, not from python/ alone.
"""

import base64
import hashlib
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parent.parent  # python/, where pyproject.toml is
REPO_ROOT = PYTHON_DIR.parent
TARGET = "fareflow_python"


class UnsupportedOperation(Exception):
    """PEP 517's way for a backend to decline a hook (here: build_sdist)."""


def _log(message):
    print(f"fareflow build: {message}", file=sys.stderr, flush=True)


def _build_dir():
    """FAREFLOW_BUILD_DIR, a relative path taken from the repository root; else `<root>/build`."""
    configured = os.environ.get("FAREFLOW_BUILD_DIR")
    if not configured:
        return REPO_ROOT / "build"
    return (REPO_ROOT / configured).resolve()


def _version():
    text = (REPO_ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(\s*fareflow\s+VERSION\s+([0-9][0-9A-Za-z.]*)", text)
    if not match:
        raise RuntimeError("no project(fareflow VERSION ...) in the root CMakeLists.txt")
    return match.group(1)


def _project():
    with open(PYTHON_DIR / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def _dist_name():
    return f"{_project()['name']}-{_version()}"


def _wheel_tag():
    """The tag of the running interpreter, which the extension must be built for (checked in
    _package_dir): cp311-cp311-linux_x86_64."""
    impl = f"cp{sys.version_info.major}{sys.version_info.minor}"
    abi = impl + ("d" if hasattr(sys, "gettotalrefcount") else "")
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{impl}-{abi}-{platform}"


def _metadata():
    project = _project()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {_version()}",
    ]
    if "description" in project:
        lines.append(f"Summary: {project['description']}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    return "\n".join(lines) + "\n"


def _wheel_file():
    return (
        "Wheel-Version: 1.0\n"
        "Generator: fareflow_backend\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {_wheel_tag()}\n"
    )


def _run(command):
    _log("$ " + " ".join(str(part) for part in command))
    # Output goes to stderr: pip reads nothing from the backend's stdout, and shows stderr with -v
    # or when the build fails.
    subprocess.run([str(part) for part in command], check=True, stdout=sys.stderr)


def _build_module(build_dir):
    """Configures build_dir if it is not yet, then builds the module's target in it."""
    if not (build_dir / "CMakeCache.txt").exists():
        _log(f"configuring {build_dir} (the first build of the whole library takes minutes)")
        # For the interpreter pip runs (a venv's base: the venv may go, the build stays).
        python = getattr(sys, "_base_executable", None) or sys.executable
        _run(["cmake", "-S", REPO_ROOT, "-B", build_dir, "-G", "Ninja",
              "-DCMAKE_BUILD_TYPE=Release", f"-DPython3_EXECUTABLE={python}"])
    elif not any((build_dir / name).exists() for name in ("build.ninja", "Makefile")):
        _log(f"finishing the configuration of {build_dir}")  # its cache keeps its generator
        _run(["cmake", "-S", REPO_ROOT, "-B", build_dir])
    _log(f"building {TARGET} in {build_dir}")
    _run(["cmake", "--build", build_dir, "--target", TARGET])


def _package_dir(build_dir):
    """`<build>/python/fareflow`, checked to hold an extension this interpreter can import."""
    package = build_dir / "python" / "fareflow"
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    if not (package / f"_fareflow{suffix}").exists():
        built = sorted(p.name for p in package.glob("_fareflow*"))
        raise RuntimeError(
            f"{package} holds {built or 'no extension'}, not _fareflow{suffix} for "
            f"{sys.executable}: {build_dir} is configured for another Python. Set "
            "FAREFLOW_BUILD_DIR to a new build directory, or reconfigure this one for "
            "this interpreter")
    return package


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _write_wheel(wheel_directory, files):
    """Writes the wheel of `files` (arcname -> bytes) and its dist-info; returns its file name."""
    dist = _dist_name()
    info = f"{dist}.dist-info"
    files = dict(files)
    files[f"{info}/METADATA"] = _metadata().encode()
    files[f"{info}/WHEEL"] = _wheel_file().encode()
    record = [_record_line(name, data) for name, data in files.items()]
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()

    name = f"{dist}-{_wheel_tag()}.whl"
    path = Path(wheel_directory) / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for arcname, data in files.items():
            entry = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
    _log(f"wrote {path}")
    return name


def _package_files(package):
    files = {}
    for path in sorted(package.rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        files["fareflow/" + path.relative_to(package).as_posix()] = path.read_bytes()
    return files


def _prepare_metadata(metadata_directory):
    info = Path(metadata_directory) / f"{_dist_name()}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(_metadata(), encoding="utf-8")
    (info / "WHEEL").write_text(_wheel_file(), encoding="utf-8")
    return info.name


# PEP 517 and PEP 660 hooks.

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _prepare_metadata(metadata_directory)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _prepare_metadata(metadata_directory)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    build_dir = _build_dir()
    _build_module(build_dir)
    return _write_wheel(wheel_directory, _package_files(_package_dir(build_dir)))


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    build_dir = _build_dir()
    _build_module(build_dir)
    _package_dir(build_dir)
    # A rebuild (`make python`) is then seen by the next `import fareflow`.
    pth = f"{build_dir / 'python'}\n".encode()
    return _write_wheel(wheel_directory, {"fareflow_editable.pth": pth})


def build_sdist(sdist_directory, config_settings=None):
    raise UnsupportedOperation(
        "the fareflow module is built from the whole repository with CMake; install it from a "
        "clone with `pip install ./python`")

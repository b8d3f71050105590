"""scripts/python-layer zips fareflow's Python module as an AWS Lambda layer that needs nothing
from the machine but glibc: unpacked as Lambda does (at /opt, here a temporary directory), the
module imports and searches with the libraries bundled beside it; and the script refuses a target
whose glibc is older than the one the module needs. Standard library only; run by ctest with the
build directory holding python/fareflow/:

    python_layer_test.py BUILD_DIR
"""

import os
import subprocess
import sys
import sysconfig
import tempfile
import unittest
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else os.path.join(ROOT, "build")
MODULE_DIR = os.path.join(BUILD, "python", "fareflow")
SCRIPT = os.path.join(ROOT, "scripts", "python-layer")
PAYLOAD = os.path.join(ROOT, "tests", "golden", "round_trip_two_suppliers")

# Run inside the unpacked layer: a search over a golden case's payloads, then the path every
# shared library of the process was loaded from.
CHILD = r"""
import json, os, sys
import fareflow
case = sys.argv[1]
payloads = []
with open(os.path.join(case, "payloads.txt")) as f:
    for kind, name in (line.strip().split(":", 1) for line in f if line.strip()):
        with open(os.path.join(case, name), "rb") as p:
            payloads.append((kind, p.read()))
with open(os.path.join(case, "request.json"), "rb") as f:
    result = fareflow.search(f.read(), payloads)
print(json.dumps({"file": fareflow._fareflow.__file__, "counts": result.counts}))
with open("/proc/self/maps") as f:
    print("\n".join(sorted({l.split()[-1] for l in f if ".so" in l})))
"""


def layer(glibc, out_dir):
    out = os.path.join(out_dir, "layer.zip")
    p = subprocess.run(["bash", SCRIPT, "--module-dir", MODULE_DIR, "--out", out, "--glibc", glibc],
                       cwd=ROOT, capture_output=True, text=True)
    return p, out


class PythonLayerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="fareflow-python-layer-test-")
        self.addCleanup(self.tmp.cleanup)

    def test_the_unpacked_layer_searches_with_the_libraries_bundled_beside_the_module(self):
        p, out = layer("9.99", self.tmp.name)
        self.assertEqual(p.returncode, 0, p.stderr)
        with zipfile.ZipFile(out) as z:
            names = z.namelist()
            opt = os.path.join(self.tmp.name, "opt")
            z.extractall(opt)
        self.assertTrue(all(n.startswith("python/") for n in names), names)
        native = "python/fareflow/_fareflow" + sysconfig.get_config_var("EXT_SUFFIX")
        self.assertIn(native, names)
        self.assertIn("python/fareflow/__init__.py", names)
        self.assertIn("python/fareflow/py.typed", names)
        self.assertIn("(ABI " + sysconfig.get_config_var("EXT_SUFFIX").split(".")[1] + ")",
                      p.stdout)
        dynamic = subprocess.run(["readelf", "-d", os.path.join(opt, native)],
                                 capture_output=True, text=True, check=True).stdout
        self.assertIn("[$ORIGIN/lib]", dynamic)
        # zipfile drops the mode bits: Lambda's unzip keeps them, and the loader needs none.
        env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "PYTHONPATH")}
        env["PYTHONPATH"] = os.path.join(opt, "python")
        child = subprocess.run([sys.executable, "-B", "-c", CHILD, PAYLOAD], env=env, cwd=opt,
                               capture_output=True, text=True)
        self.assertEqual(child.returncode, 0, child.stderr)
        lines = child.stdout.splitlines()
        self.assertTrue(lines[0].startswith("{"), lines)
        self.assertIn(os.path.join(opt, "python", "fareflow"), lines[0])
        loaded = lines[1:]
        bundled = [n.rsplit("/", 1)[1] for n in names
                   if n.startswith("python/fareflow/lib/") and not n.endswith("/")]
        self.assertTrue(bundled, names)
        for name in bundled:
            paths = [path for path in loaded if os.path.basename(path) == name]
            self.assertEqual(paths, [os.path.join(opt, "python", "fareflow", "lib", name)],
                             (name, loaded))

    def test_a_target_with_an_older_glibc_than_the_module_needs_is_refused(self):
        p, out = layer("2.2", self.tmp.name)
        self.assertEqual(p.returncode, 1)
        self.assertIn("newer than the target's 2.2", p.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertRegex(p.stdout, r"needs glibc 2\.\d+")


if __name__ == "__main__":
    unittest.main()

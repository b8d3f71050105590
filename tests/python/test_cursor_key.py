"""fareflow.set_cursor_key: set once, before the first search, it signs the cursors, and a cursor
signed with the public default key is refused, naming the cursor. Each case runs in a new
interpreter, since the key is the whole process's."""

import os
import subprocess
import sys

import helpers

PRELUDE = r'''
import sys
sys.path.insert(0, sys.argv[1])
import fareflow, helpers

def refused(call):
    try:
        call()
    except fareflow.InvalidRequest as e:
        return e.field
    return None

def search():
    return fareflow.search(helpers.round_trip_request(), helpers.round_trip_payloads())
'''

PUBLIC = PRELUDE + r'''
result = search()
assert len(result.refine(cursor=result.page["next_cursor"])) == 5
print(result.page["next_cursor"])
'''

SECRET = PRELUDE + r'''
public = sys.argv[2]
assert refused(lambda: fareflow.set_cursor_key("ab")) == "key"
fareflow.set_cursor_key("11" * 32)
result = search()
assert result.page["next_cursor"] != public
assert len(result.refine(cursor=result.page["next_cursor"])) == 5
assert refused(lambda: result.refine(cursor=public)) == "cursor"
try:
    fareflow.set_cursor_key("22" * 32)
    raise AssertionError("a second key was taken after a search")
except RuntimeError:
    pass
print("checked")
'''


def _python(script, *args):
    run = subprocess.run([sys.executable, "-c", script, os.path.dirname(helpers.__file__), *args],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_a_secret_cursor_key_refuses_cursors_of_the_public_one():
    public = _python(PUBLIC).strip()
    assert public
    assert _python(PUBLIC).strip() == public  # the public key signs alike in every process
    assert _python(SECRET, public) == "checked\n"

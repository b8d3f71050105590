"""Fixtures of the Python module's tests; the plain helpers are in helpers.py."""

import os

import pytest

import helpers


@pytest.fixture
def cli():
    """helpers.cli_answer, when the `fareflow` binary is there: ctest always names it
    (FAREFLOW_BINARY), so there a missing binary fails; run by hand without a build it skips."""
    if not helpers.FAREFLOW_BINARY.exists():
        if "FAREFLOW_BINARY" in os.environ:
            pytest.fail(f"FAREFLOW_BINARY={helpers.FAREFLOW_BINARY} does not exist")
        pytest.skip(f"no fareflow binary at {helpers.FAREFLOW_BINARY}")
    return helpers.cli_answer


@pytest.fixture
def round_trip():
    """The golden round trip's request (dict) and payloads (fresh bytes)."""
    return helpers.round_trip_request(), helpers.round_trip_payloads()

"""Unit tests exercise pure domain code: the network is blocked."""

import pytest


@pytest.fixture(autouse=True)
def _no_network(socket_disabled):
    yield

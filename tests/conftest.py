"""Shared fixtures: an emulated AWS account built from template.yaml, the API, demo companies."""

from __future__ import annotations

import os

# Test mode before anything reads the settings: no real AWS account is ever touched.
os.environ.update({
    "APP_ENV": "test",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "POWERTOOLS_SERVICE_NAME": "impacte-tests",
    "POWERTOOLS_TRACE_DISABLED": "1",
    "POWERTOOLS_METRICS_DISABLED": "1",
})
os.environ.pop("AWS_ENDPOINT_URL", None)

import pytest

from shared.aws import reset_clients
from shared.secrets import reset_secret_cache
from shared.settings import get_settings
from tests.support.fakes import fake_cora, fake_meta, smtp_server  # noqa: F401  (provider fakes, as fixtures)


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Cached clients, settings and secrets belong to one test (and one moto mock) only."""
    get_settings.cache_clear()
    reset_clients()
    reset_secret_cache()
    yield
    get_settings.cache_clear()
    reset_clients()
    reset_secret_cache()


@pytest.fixture
def aws():
    """An empty emulated AWS account with the resources of template.yaml."""
    from moto import mock_aws

    from devstack.resources import create_all
    from devstack.stepfunctions import MOTO_CONFIG

    with mock_aws(config=MOTO_CONFIG):
        create_all()
        yield


@pytest.fixture
def api(aws):
    """The API of every function, as the local stack serves it."""
    from fastapi.testclient import TestClient

    from devstack.app import build_api

    with TestClient(build_api(), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def world(aws):
    """Two companies (the demo company A and a company B), every role in each, and a master user."""
    from tests.support.world import build_world

    return build_world()


@pytest.fixture
def atomic_requests(monkeypatch):
    """moto's in-process backend is not thread-safe; DynamoDB is atomic per request. Serializing each
    AWS call keeps that guarantee while our code still interleaves between calls, as it would in AWS."""
    import threading

    from botocore.client import BaseClient

    lock = threading.RLock()  # re-entrant: a state machine's Lambda call runs our handler, which calls AWS
    original = BaseClient._make_api_call

    def call(self, operation, params):
        with lock:
            return original(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", call)

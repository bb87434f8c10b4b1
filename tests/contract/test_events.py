"""Every sample event in events/ is replayed through its function's real Lambda handler.

`events/<folder>/` belongs to the function whose CodeUri is `functions/<folder>/`. A file whose name
starts with `refused-` must be refused (4xx, or an authorizer verdict carrying an error); any other
must succeed. `{{access_token:<e-mail>}}` is replaced by a fresh token of that demo user, `{{hook_id:<kind>}}`
by the demo company's webhook route (its WhatsApp configured with the local demo's sandbox secrets).
"""

from __future__ import annotations

import importlib
import json
import re
from contextlib import nullcontext
from pathlib import Path

import pytest

from devstack.lambda_context import LambdaContext
from devstack.sample_events import demo_webhook
from devstack.template import ROOT, functions

EVENTS = sorted((ROOT / "events").glob("*/*.json"))


def _handler_for(folder: str):
    for fn in functions().values():
        if fn["code_uri"].rstrip("/") == f"functions/{folder}":
            module_name, attr = fn["handler"].rsplit(".", 1)
            return getattr(importlib.import_module(module_name), attr)
    raise AssertionError(f"events/{folder}/ matches no function CodeUri in template.yaml")


def _with_tokens(raw: str, api) -> str:
    def token(match: re.Match) -> str:
        resp = api.post("/api/auth/login", json={"email": match.group(1), "password": "Demo@2026"})
        return resp.json()["access_token"]

    raw = re.sub(r"\{\{access_token:([^}]+)\}\}", token, raw)
    return re.sub(r"\{\{hook_id:(\w+)\}\}", lambda m: demo_webhook(m.group(1)), raw)  # the demo company's route


def test_there_are_events_for_every_function():
    folders = {p.parent.name for p in EVENTS}
    expected = {fn["code_uri"].rstrip("/").split("/")[-1] for fn in functions().values()}
    assert expected <= folders


@pytest.mark.parametrize("path", EVENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_event_replays_through_its_handler(api, world, path: Path):
    event = json.loads(_with_tokens(path.read_text(encoding="utf-8"), api))
    refused = path.name.startswith("refused-")
    if "step" in event:  # a Task state of a state machine: a refusal is a pt-BR StepFailed (Catch -> erro)
        from shared.charges.series_flow import StepFailed as SeriesStepFailed
        from shared.documents.workflow import StepFailed

        expected = {"documents": (StepFailed, r"[Dd]ocumento"), "charges": (SeriesStepFailed, r"[Cc]obrança")}
        failure, words = expected[path.parent.name]
        with pytest.raises(failure, match=words) if refused else nullcontext():
            _handler_for(path.parent.name)(event, LambdaContext())
        return
    result = _handler_for(path.parent.name)(event, LambdaContext())
    if "isAuthorized" in result:  # the authorizer's verdict
        assert result["isAuthorized"] is True
        assert ("error_status" in result["context"]) is refused, result
        if not refused:
            assert result["context"]["tenant_id"] == world.a.tenant_id
        return
    if event.get("detail-type") == "Scheduled Event":  # the dispatcher's run report
        assert set(result) >= {"minutes", "found", "sent", "failed"} and result["minutes"] >= 1
        return
    status = result["statusCode"]
    assert (400 <= status < 500) if refused else (200 <= status < 300), (status, result.get("body"))
    body = json.loads(result["body"]) if result.get("body") else {}
    if refused:
        assert body["detail"]  # a pt-BR explanation, never an empty error

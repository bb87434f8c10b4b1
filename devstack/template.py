"""Reads template.yaml, the single description of the system, for the local stack and the tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"


@cache
def load_template() -> dict[str, Any]:
    from cfnlint.decode import decode

    template, matches = decode(str(TEMPLATE))
    if template is None:
        raise RuntimeError(f"template.yaml could not be read: {matches}")
    return template


def resources(kind: str) -> dict[str, dict[str, Any]]:
    return {name: res for name, res in load_template()["Resources"].items() if res.get("Type") == kind}


def global_environment() -> dict[str, Any]:
    return load_template()["Globals"]["Function"]["Environment"]["Variables"]


def env_var_for(logical_id: str) -> str | None:
    """The environment variable through which functions receive a resource's name (`!Ref <id>`)."""
    for name, value in global_environment().items():
        if isinstance(value, dict) and value.get("Ref") == logical_id:
            return name
    return None


def functions() -> dict[str, dict[str, Any]]:
    """Logical id -> {code_uri, handler, module, events} of every Lambda function."""
    found = {}
    for name, res in resources("AWS::Serverless::Function").items():
        props = res["Properties"]
        handler = props["Handler"]
        found[name] = {
            "code_uri": props["CodeUri"],
            "handler": handler,
            "module": handler.rsplit(".", 1)[0],
            "events": props.get("Events", {}),
        }
    return found


def http_functions() -> dict[str, dict[str, Any]]:
    """Functions with HTTP API routes (their module exposes a FastAPI `router`)."""
    return {n: f for n, f in functions().items()
            if any(e.get("Type") == "HttpApi" for e in f["events"].values())}

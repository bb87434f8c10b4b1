"""Step Functions on the embedded emulator: the real state-machine files, run by moto's interpreter.

moto executes a state machine's states itself (`execute_state_machine`); its Lambda backend without
Docker (`use_docker: False`) would only echo the payload, so `install_lambda_shim` makes it call our
handler: the Lambda function named after a template.yaml function's logical id runs that function's
handler in this process, with the event the Task state built. A handler that raises answers as
Lambda does (`FunctionError: Unhandled` with errorType/errorMessage), so Retry/Catch behave as in AWS.

`create_state_machines` reads every `AWS::Serverless::StateMachine` of template.yaml: its definition
file, its `DefinitionSubstitutions` (a function's `Arn` -> that function created in moto's Lambda with
a placeholder package; a resource's `Ref` -> its local name), and creates it under the name its
settings field (the functions' environment variable) carries.

This touches moto internals (`LambdaSimpleBackend.invoke`): moto is pinned exactly, and
tests/workflows exercises the shim.
"""

from __future__ import annotations

import importlib
import io
import json
import threading
import zipfile
from typing import Any

from devstack.lambda_context import LambdaContext
from devstack.template import ROOT, env_var_for, functions, resources
from shared.aws import client
from shared.settings import get_settings

MOTO_CONFIG = {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}
ACCOUNT = "123456789012"
_ROLE_TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com"]},
    "Action": "sts:AssumeRole"}]}
_installed = threading.Lock()
_state = {"installed": False}


def _handler(logical_id: str):
    spec = functions()[logical_id]
    module_name, attr = spec["handler"].rsplit(".", 1)
    return getattr(importlib.import_module(module_name), attr)


def invoke_local(function_name: str, payload: Any) -> tuple[Any, bool]:
    """Runs the handler of the function named `function_name` (name or ARN) -> (result, failed)."""
    logical_id = function_name.rsplit(":", 1)[-1]
    if logical_id not in functions():
        return {"errorType": "ResourceNotFoundException", "errorMessage": f"no function {logical_id}"}, True
    try:
        return _handler(logical_id)(payload, LambdaContext(function_name=logical_id)), False
    except Exception as exc:  # Lambda reports any unhandled error to the caller
        return {"errorType": type(exc).__name__, "errorMessage": str(exc)}, True


def install_lambda_shim() -> None:
    """Idempotent: moto's Docker-less Lambda runs our handlers (see the module docstring)."""
    with _installed:
        if _state["installed"]:
            return
        from moto.awslambda_simple.models import LambdaSimpleBackend

        def invoke(self, function_name, qualifier, body, headers, response_headers):
            event = json.loads(body) if body else {}
            result, failed = invoke_local(function_name, event)
            if failed:
                response_headers["x-amz-function-error"] = "Unhandled"
            return json.dumps(result, default=str).encode()

        LambdaSimpleBackend.invoke = invoke
        _state["installed"] = True


def configure_server(endpoint: str) -> None:
    """moto in server mode takes its configuration over HTTP."""
    import httpx

    httpx.post(f"{endpoint}/moto-api/config", json=MOTO_CONFIG, timeout=10).raise_for_status()


def _placeholder_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("placeholder.py", "# the local stack runs the real handler in-process\n")
    return buffer.getvalue()


def _role() -> str:
    iam = client("iam")
    try:
        return iam.create_role(RoleName="impacte-local-workflows",
                               AssumeRolePolicyDocument=json.dumps(_ROLE_TRUST))["Role"]["Arn"]
    except iam.exceptions.EntityAlreadyExistsException:
        return iam.get_role(RoleName="impacte-local-workflows")["Role"]["Arn"]


def _function_arn(logical_id: str, role: str) -> str:
    lam = client("lambda")
    try:
        return lam.get_function(FunctionName=logical_id)["Configuration"]["FunctionArn"]
    except lam.exceptions.ResourceNotFoundException:
        return lam.create_function(FunctionName=logical_id, Runtime="python3.12", Role=role,
                                   Handler="placeholder.handler", Code={"ZipFile": _placeholder_package()},
                                   Timeout=900)["FunctionArn"]


def _local_value(value: Any, role: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        target, attribute = value["Fn::GetAtt"] if isinstance(value["Fn::GetAtt"], list) \
            else value["Fn::GetAtt"].split(".", 1)
        if attribute == "Arn" and target in functions():
            return _function_arn(target, role)
    if isinstance(value, dict) and "Ref" in value:
        env = env_var_for(value["Ref"])
        if env:
            return str(getattr(get_settings(), env.lower()))
    raise RuntimeError(f"DefinitionSubstitutions value not supported locally: {value!r}")


def definition(logical_id: str, role: str = "") -> str:
    """The state machine's definition file with its substitutions applied as the local stack needs."""
    props = resources("AWS::Serverless::StateMachine")[logical_id]["Properties"]
    text = (ROOT / props["DefinitionUri"]).read_text(encoding="utf-8")
    for name, value in (props.get("DefinitionSubstitutions") or {}).items():
        text = text.replace("${" + name + "}", _local_value(value, role))
    return text


def _arn_variable(props: dict[str, Any]) -> str:
    """The environment variable that gives functions this machine's ARN. It is built from the machine's
    name (`!Sub ...:stateMachine:<Name>`), since a `!Ref` would make a cycle with the function the
    machine invokes."""
    name = props.get("Name", {}).get("Fn::Sub") if isinstance(props.get("Name"), dict) else props.get("Name")
    for spec in resources("AWS::Serverless::Function").values():
        for var, value in ((spec["Properties"].get("Environment") or {}).get("Variables") or {}).items():
            text = value.get("Fn::Sub") if isinstance(value, dict) else None
            if isinstance(text, str) and name and text.endswith(f":stateMachine:{name}"):
                return var
    raise RuntimeError(f"no function receives the ARN of the state machine {name}")


def create_state_machines() -> list[str]:
    """Creates every state machine of template.yaml; returns their ARNs."""
    machines = resources("AWS::Serverless::StateMachine")
    if not machines:
        return []
    role = _role()
    sfn = client("stepfunctions")
    created = []
    for logical_id, machine in machines.items():
        arn = str(getattr(get_settings(), _arn_variable(machine["Properties"]).lower()))
        existing = {m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"]}
        if arn not in existing:
            arn = sfn.create_state_machine(name=arn.rsplit(":", 1)[-1], definition=definition(logical_id, role),
                                           roleArn=role)["stateMachineArn"]
        created.append(arn)
    return created

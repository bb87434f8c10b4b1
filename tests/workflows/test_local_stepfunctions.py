"""The local Step Functions support: moto's interpreter runs a definition whose Task states invoke our
real handlers in-process (the shim), and a handler's unhandled error reaches Retry/Catch as in AWS.
The state machines of template.yaml are exercised by their own workflow tests."""

from __future__ import annotations

import json
import time

import pytest

from devstack import stepfunctions
from devstack.template import ROOT
from shared.aws import client


def _run(definition: dict, payload: dict) -> dict:
    sfn = client("stepfunctions")
    role = stepfunctions._role()
    for state in definition["States"].values():
        name = state.get("Parameters", {}).get("FunctionName")
        if name:
            state["Parameters"]["FunctionName"] = stepfunctions._function_arn(name, role)
    machine = sfn.create_state_machine(name=f"t{time.monotonic_ns()}", definition=json.dumps(definition),
                                       roleArn=role)["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine, input=json.dumps(payload))["executionArn"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = sfn.describe_execution(executionArn=execution)
        if found["status"] != "RUNNING":
            return found
        time.sleep(0.05)
    pytest.fail("the execution did not finish in 30 s")


def task(function: str, next_state: str | None = None, **extra) -> dict:
    state = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Parameters": {"FunctionName": function, "Payload.$": "$"}, "OutputPath": "$.Payload", **extra}
    return {**state, "Next": next_state} if next_state else {**state, "End": True}


def test_a_task_runs_the_real_handler_of_the_named_function(aws):
    """The dispatcher's handler, given the EventBridge event, answers its run report."""
    event = json.loads((ROOT / "events" / "dispatcher" / "every-minute.json").read_text())
    found = _run({"StartAt": "Dispatch", "States": {"Dispatch": task("DispatcherFunction")}}, event)
    assert found["status"] == "SUCCEEDED", found
    output = json.loads(found["output"])
    assert {"minutes", "found", "sent"} <= set(output), output


def test_an_unhandled_error_is_caught_like_in_aws(aws):
    """A handler that raises (Mangum refuses an event that is not HTTP) -> the Catch branch runs."""
    definition = {"StartAt": "Broken", "States": {
        "Broken": task("TasksFunction", "Done", Catch=[{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error",
                                                        "Next": "Failed"}]),
        "Done": {"Type": "Succeed"},
        "Failed": {"Type": "Pass", "Result": "caught", "ResultPath": "$.outcome", "End": True}}}
    found = _run(definition, {"not": "an http event"})
    assert found["status"] == "SUCCEEDED", found
    output = json.loads(found["output"])
    assert output["outcome"] == "caught" and output["error"]["Error"], output


def test_invoke_local_reports_unknown_functions_as_failures():
    result, failed = stepfunctions.invoke_local("arn:aws:lambda:us-east-1:1:function:Nope", {})
    assert failed and result["errorType"] == "ResourceNotFoundException"

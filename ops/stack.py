"""Reads a deployed stack's outputs."""

from __future__ import annotations

import boto3


def outputs(stack: str) -> dict[str, str]:
    cfn = boto3.client("cloudformation")
    found = cfn.describe_stacks(StackName=stack)["Stacks"][0].get("Outputs", [])
    return {o["OutputKey"]: o["OutputValue"] for o in found}

"""Creates the AWS resources of template.yaml in the emulator (moto), named as the settings say.

The table definitions (keys, GSIs, TTL) are taken from template.yaml, so tests and the local stack
run on exactly the table that AWS gets.
"""

from __future__ import annotations

import secrets
from contextlib import suppress
from typing import Any

from devstack.template import env_var_for, resources
from shared.aws import client
from shared.settings import get_settings


def _local_name(logical_id: str) -> str:
    env = env_var_for(logical_id)
    if env is None:
        raise RuntimeError(f"{logical_id} is not passed to functions through an environment variable")
    return getattr(get_settings(), env.lower())


def create_tables() -> list[str]:
    ddb = client("dynamodb")
    created = []
    for logical_id, res in resources("AWS::DynamoDB::Table").items():
        props: dict[str, Any] = res["Properties"]
        name = _local_name(logical_id)
        params: dict[str, Any] = {
            "TableName": name,
            "AttributeDefinitions": props["AttributeDefinitions"],
            "KeySchema": props["KeySchema"],
            "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
        }
        if props.get("GlobalSecondaryIndexes"):
            params["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
        try:
            ddb.create_table(**params)
        except ddb.exceptions.ResourceInUseException:
            continue
        ttl = props.get("TimeToLiveSpecification")
        if ttl:
            ddb.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
        created.append(name)
    return created


def create_buckets() -> None:
    s3 = client("s3")
    for logical_id in resources("AWS::S3::Bucket"):
        if env_var_for(logical_id) is None:
            continue  # the web bucket: locally the web app is served by the dev server
        name = _local_name(logical_id)
        with suppress(s3.exceptions.BucketAlreadyOwnedByYou, s3.exceptions.BucketAlreadyExists):
            s3.create_bucket(Bucket=name)


def create_secrets() -> None:
    sm = client("secretsmanager")
    for logical_id in resources("AWS::SecretsManager::Secret"):
        name = _local_name(logical_id)
        with suppress(sm.exceptions.ResourceExistsException):
            sm.create_secret(Name=name, SecretString=secrets.token_urlsafe(48))


def create_event_buses() -> None:
    events = client("events")
    for logical_id in resources("AWS::Events::EventBus"):
        name = _local_name(logical_id)
        with suppress(events.exceptions.ResourceAlreadyExistsException):
            events.create_event_bus(Name=name)


def create_all() -> None:
    from devstack.stepfunctions import create_state_machines, install_lambda_shim

    create_tables()
    create_buckets()
    create_secrets()
    create_event_buses()
    install_lambda_shim()
    create_state_machines()

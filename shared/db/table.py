"""A thin, typed wrapper over the low-level DynamoDB client for the single table.

It (de)serializes items, turns integral Decimals back into ints, and maps conditional failures to
`ConditionFailed` / `TransactionFailed` so repositories can turn them into domain errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from shared.aws import client
from shared.settings import get_settings

Item = dict[str, Any]


class ConditionFailed(Exception):
    """A conditional write did not apply."""


class TransactionFailed(Exception):
    """A transaction was cancelled; `reasons[i]` is the cancellation code of operation i (or None)."""

    def __init__(self, reasons: list[str | None]):
        super().__init__(f"transaction cancelled: {reasons}")
        self.reasons = reasons

    def failed_at(self, index: int) -> bool:
        return index < len(self.reasons) and self.reasons[index] == "ConditionalCheckFailed"


_serializer = None
_deserializer = None


def _codec():
    global _serializer, _deserializer
    if _serializer is None:
        from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

        _serializer, _deserializer = TypeSerializer(), TypeDeserializer()
    return _serializer, _deserializer


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, set):
        return {_plain(v) for v in value}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _dynamo(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _dynamo(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_dynamo(v) for v in value]
    return value


def serialize(item: Mapping[str, Any]) -> dict[str, Any]:
    ser, _ = _codec()
    return {k: ser.serialize(_dynamo(v)) for k, v in item.items() if v is not None}


def deserialize(raw: Mapping[str, Any]) -> Item:
    _, de = _codec()
    return {k: _plain(de.deserialize(v)) for k, v in raw.items()}


def _values(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not values:
        return None
    ser, _ = _codec()
    return {k: ser.serialize(_dynamo(v)) for k, v in values.items()}


@dataclass
class Page:
    items: list[Item]
    last_key: dict[str, Any] | None


@dataclass
class TransactOp:
    """One operation of a TransactWriteItems call."""

    kind: str  # Put | Update | Delete | ConditionCheck
    key: Mapping[str, Any] | None = None
    item: Mapping[str, Any] | None = None
    update: str | None = None
    condition: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


class Table:
    def __init__(self, name: str | None = None):
        self.name = name or get_settings().table_name

    @property
    def _db(self):
        return client("dynamodb")

    # --- reads ---------------------------------------------------------------------------------

    def get(self, key: Mapping[str, str], *, consistent: bool = False) -> Item | None:
        resp = self._db.get_item(TableName=self.name, Key=serialize(key), ConsistentRead=consistent)
        raw = resp.get("Item")
        return deserialize(raw) if raw else None

    def batch_get(self, keys: Sequence[Mapping[str, str]], *, consistent: bool = False) -> list[Item | None]:
        """Items for `keys`, in the same order (None where missing). One call for up to 100 keys."""
        unique: dict[tuple[str, str], Mapping[str, str]] = {(k["PK"], k["SK"]): k for k in keys}
        found: dict[tuple[str, str], Item] = {}
        pending = [serialize(k) for k in unique.values()]
        while pending:
            request = {self.name: {"Keys": pending[:100], "ConsistentRead": consistent}}
            resp = self._db.batch_get_item(RequestItems=request)
            for raw in resp.get("Responses", {}).get(self.name, []):
                item = deserialize(raw)
                found[(item["PK"], item["SK"])] = item
            pending = pending[100:] + resp.get("UnprocessedKeys", {}).get(self.name, {}).get("Keys", [])
        return [found.get((k["PK"], k["SK"])) for k in keys]

    def query(
        self,
        pk_value: str,
        *,
        index: str | None = None,
        sk_prefix: str | None = None,
        sk_between: tuple[str, str] | None = None,
        sk_before: str | None = None,
        limit: int | None = None,
        start_key: dict[str, Any] | None = None,
        forward: bool = True,
        filter_expression: str | None = None,
        names: dict[str, str] | None = None,
        values: dict[str, Any] | None = None,
    ) -> Page:
        pk_name, sk_name = ("PK", "SK") if index is None else (f"{index}PK", f"{index}SK")
        expr_names = {"#pk": pk_name, **(names or {})}
        expr_values: dict[str, Any] = {":pk": pk_value, **(values or {})}
        condition = "#pk = :pk"
        if sk_prefix is not None:
            expr_names["#sk"] = sk_name
            expr_values[":skp"] = sk_prefix
            condition += " AND begins_with(#sk, :skp)"
        elif sk_between is not None:
            expr_names["#sk"] = sk_name
            expr_values[":sk1"], expr_values[":sk2"] = sk_between
            condition += " AND #sk BETWEEN :sk1 AND :sk2"
        elif sk_before is not None:
            expr_names["#sk"] = sk_name
            expr_values[":skb"] = sk_before
            condition += " AND #sk < :skb"
        params: dict[str, Any] = {
            "TableName": self.name,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": expr_names,
            "ExpressionAttributeValues": _values(expr_values),
            "ScanIndexForward": forward,
        }
        if index:
            params["IndexName"] = index
        if limit:
            params["Limit"] = limit
        if start_key:
            params["ExclusiveStartKey"] = start_key
        if filter_expression:
            params["FilterExpression"] = filter_expression
        resp = self._db.query(**params)
        return Page([deserialize(i) for i in resp.get("Items", [])], resp.get("LastEvaluatedKey"))

    def query_all(self, pk_value: str, **kwargs: Any) -> list[Item]:
        items: list[Item] = []
        start = None
        while True:
            page = self.query(pk_value, start_key=start, **kwargs)
            items.extend(page.items)
            if not page.last_key:
                return items
            start = page.last_key

    # --- writes --------------------------------------------------------------------------------

    def put(self, item: Mapping[str, Any], *, condition: str | None = None,
            names: dict[str, str] | None = None, values: dict[str, Any] | None = None) -> None:
        params: dict[str, Any] = {"TableName": self.name, "Item": serialize(item)}
        _conditional(params, condition, names, values)
        self._call(self._db.put_item, params)

    def update(self, key: Mapping[str, str], update: str, *, condition: str | None = None,
               names: dict[str, str] | None = None, values: dict[str, Any] | None = None,
               return_new: bool = True) -> Item | None:
        params: dict[str, Any] = {"TableName": self.name, "Key": serialize(key), "UpdateExpression": update}
        if return_new:
            params["ReturnValues"] = "ALL_NEW"
        _conditional(params, condition, names, values)
        resp = self._call(self._db.update_item, params)
        raw = resp.get("Attributes")
        return deserialize(raw) if raw else None

    def delete(self, key: Mapping[str, str], *, condition: str | None = None,
               names: dict[str, str] | None = None, values: dict[str, Any] | None = None) -> None:
        params: dict[str, Any] = {"TableName": self.name, "Key": serialize(key)}
        _conditional(params, condition, names, values)
        self._call(self._db.delete_item, params)

    def transact(self, ops: Iterable[TransactOp], *, token: str | None = None) -> None:
        """All-or-nothing write. `token` (ClientRequestToken) makes a retried call a no-op."""
        items = [self._transact_item(op) for op in ops]
        params: dict[str, Any] = {"TransactItems": items}
        if token:
            params["ClientRequestToken"] = token
        try:
            self._db.transact_write_items(**params)
        except self._db.exceptions.TransactionCanceledException as exc:
            reasons = [r.get("Code") if r.get("Code") != "None" else None
                       for r in exc.response.get("CancellationReasons", [])]
            raise TransactionFailed(reasons) from exc

    def _transact_item(self, op: TransactOp) -> dict[str, Any]:
        body: dict[str, Any] = {"TableName": self.name}
        if op.kind == "Put":
            body["Item"] = serialize(op.item or {})
        else:
            body["Key"] = serialize(op.key or {})
        if op.update:
            body["UpdateExpression"] = op.update
        _conditional(body, op.condition, op.names, op.values)
        return {op.kind: body}

    def _call(self, fn, params: dict[str, Any]) -> dict[str, Any]:
        try:
            return fn(**params)
        except self._db.exceptions.ConditionalCheckFailedException as exc:
            raise ConditionFailed(str(exc)) from exc


def _conditional(params: dict[str, Any], condition: str | None, names: dict[str, str] | None,
                 values: dict[str, Any] | None) -> None:
    if condition:
        params["ConditionExpression"] = condition
    if names:
        params["ExpressionAttributeNames"] = names
    if values:
        params["ExpressionAttributeValues"] = _values(values)

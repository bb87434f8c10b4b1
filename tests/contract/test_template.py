"""Contract tests for template.yaml (AWS SAM).

1. cfn-lint (Python API) reports no error-level (E*) finding, on the SAM template and on the
   CloudFormation produced by aws-sam-translator (cfn-lint 1.x validates SAM resources against
   SAM schemas without running the transform, so the real transform is run here as well).
2. The facts other code relies on: resource names, table keys/GSIs, environment variables,
   function CodeUri/Handler (and that the handler modules exist), routes and their auth,
   least-privilege IAM, layers and their build inputs, outputs.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import shutil
import subprocess
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"
LINT_REGIONS = ["sa-east-1", "us-east-1"]

# Logical id -> (CodeUri, Handler). Fixed: the local stack and deploy scripts use them.
FUNCTIONS = {
    "AuthorizerFunction": ("functions/authorizer/", "authorizer_fn.app.handler"),
    "AuthFunction": ("functions/auth/", "auth_api.app.handler"),
    "UsersFunction": ("functions/users/", "users_api.app.handler"),
    "MasterFunction": ("functions/master/", "master_api.app.handler"),
    "ClientsFunction": ("functions/clients/", "clients_api.app.handler"),
    "FunnelFunction": ("functions/funnel/", "funnel_api.app.handler"),
    "DashboardFunction": ("functions/dashboard/", "dashboard_api.app.handler"),
    "IntegrationsFunction": ("functions/integrations/", "integrations_api.app.handler"),
    "WhatsAppFunction": ("functions/whatsapp/", "whatsapp_api.app.handler"),
    "LeadsFunction": ("functions/leads/", "leads_api.app.handler"),
    "TasksFunction": ("functions/tasks/", "tasks_api.app.handler"),
    "SchedulesFunction": ("functions/schedules/", "schedules_api.app.handler"),
    "DispatcherFunction": ("functions/dispatcher/", "dispatcher_fn.app.handler"),
    "FinanceFunction": ("functions/finance/", "finance_api.app.handler"),
    "DocumentsFunction": ("functions/documents/", "documents_api.app.handler"),
    "ChargesFunction": ("functions/charges/", "charges_api.app.handler"),
}

# DynamoDB actions each function may perform on the DataTable itself (the table ARN).
# TransactWriteItems / TransactGetItems are not IAM actions: a transaction's items are
# authorised as PutItem/UpdateItem/DeleteItem/ConditionCheckItem (GetItem for reads).
DATA_TABLE_ACTIONS = {
    "AuthorizerFunction": {"dynamodb:GetItem", "dynamodb:BatchGetItem"},
    "AuthFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query",
    },
    # DeleteItem: changing a user's e-mail deletes the old e-mail guard (shared/users/repository.py).
    "UsersFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "MasterFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "ClientsFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "FunnelFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    # The Dashboard only reads counters.
    "DashboardFunction": {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"},
    "IntegrationsFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "WhatsAppFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "LeadsFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "TasksFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "SchedulesFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "DispatcherFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    # Catalog writes are transactions of Put/Delete (item, SKU guard, search terms) without a
    # ConditionCheck; the company profile is updated in place.
    "FinanceFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query",
    },
    "DocumentsFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
    "ChargesFunction": {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    },
}
# Actions allowed on the DataTable's indexes (`${DataTable.Arn}/index/*`).
INDEX_ACTIONS = {
    "AuthorizerFunction": set(),
    "AuthFunction": {"dynamodb:Query"},
    "UsersFunction": {"dynamodb:Query"},
    "MasterFunction": {"dynamodb:Query"},
    "ClientsFunction": {"dynamodb:Query"},
    "FunnelFunction": {"dynamodb:Query"},
    "DashboardFunction": {"dynamodb:Query"},
    "IntegrationsFunction": {"dynamodb:Query"},
    "WhatsAppFunction": {"dynamodb:Query"},
    "LeadsFunction": {"dynamodb:Query"},
    "TasksFunction": {"dynamodb:Query"},
    "SchedulesFunction": {"dynamodb:Query"},
    "DispatcherFunction": {"dynamodb:Query"},
    "FinanceFunction": {"dynamodb:Query"},
    "DocumentsFunction": {"dynamodb:Query"},
    "ChargesFunction": {"dynamodb:Query"},
}
# Other services a function may use: action -> the resource it is limited to.
IMPORT_FILES = {"Fn::Sub": "${DocumentsBucket.Arn}/tenants/*/imports/*"}
BRANDING_FILES = {"Fn::Sub": "${DocumentsBucket.Arn}/tenants/*/branding/*"}
DOCUMENT_FILES = {"Fn::Sub": "${DocumentsBucket.Arn}/tenants/*/documents/*"}
SERIES_MACHINE = {"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:"
                             "impacte-${Stage}-charge-series"}
DOCUMENT_MACHINE = {"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:"
                               "impacte-${Stage}-document-generation"}
CLIENTS_FUNCTION_ARN = {
    "Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:impacte-${Stage}-clients"}
TENANT_SECRETS = {
    "Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:impacte/${Stage}/tenants/*"}
EVENT_BUS = {"Fn::GetAtt": ["EventBus", "Arn"]}
SES_IDENTITIES = {"Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"}
OTHER_PERMISSIONS: dict[str, dict[str, object]] = {
    "FunnelFunction": {"events:PutEvents": EVENT_BUS},
    # Integrações: the companies' provider secrets are created and replaced, never listed or deleted.
    "IntegrationsFunction": {"secretsmanager:CreateSecret": TENANT_SECRETS, "secretsmanager:PutSecretValue": TENANT_SECRETS,
                             "secretsmanager:GetSecretValue": TENANT_SECRETS, "secretsmanager:TagResource": TENANT_SECRETS,
                             "ses:SendEmail": SES_IDENTITIES},
    # The dispatcher sends through each company's own providers.
    "DispatcherFunction": {"secretsmanager:GetSecretValue": TENANT_SECRETS, "events:PutEvents": EVENT_BUS,
                           "ses:SendEmail": SES_IDENTITIES},
    "WhatsAppFunction": {"secretsmanager:GetSecretValue": TENANT_SECRETS, "events:PutEvents": EVENT_BUS},
    # CSV import: the uploaded files, and invoking itself for the background import (shared/jobs.py).
    "ClientsFunction": {"s3:PutObject": IMPORT_FILES, "s3:PutObjectTagging": IMPORT_FILES, "s3:GetObject": IMPORT_FILES,
                        "lambda:InvokeFunction": CLIENTS_FUNCTION_ARN},
    # Dados da empresa: the company's logo, and nothing else of the documents bucket.
    "FinanceFunction": {"s3:PutObject": BRANDING_FILES, "s3:GetObject": BRANDING_FILES,
                        "s3:DeleteObject": BRANDING_FILES},
    # Documentos: its own files, the logo it prints, starting its state machine, sending by the
    # company's providers, and the card move of a sent proposal.
    "DocumentsFunction": {"s3:PutObject": DOCUMENT_FILES, "s3:GetObject": [DOCUMENT_FILES, BRANDING_FILES],
                          "states:StartExecution": DOCUMENT_MACHINE, "secretsmanager:GetSecretValue": TENANT_SECRETS,
                          "ses:SendEmail": SES_IDENTITIES, "events:PutEvents": EVENT_BUS},
    # Cobranças: each company's Cora credentials, its series machine, a receipt's generation, and the
    # card move of a paid charge.
    "ChargesFunction": {"secretsmanager:GetSecretValue": TENANT_SECRETS,
                        "states:StartExecution": [SERIES_MACHINE, DOCUMENT_MACHINE], "events:PutEvents": EVENT_BUS},
}

WRITE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
# (function, METHOD, path) -> public (True: no authorizer; False: DefaultAuthorizer).
ROUTES: dict[tuple[str, str, str], bool] = {
    ("AuthFunction", "GET", "/api/health"): True,
    ("AuthFunction", "POST", "/api/auth/login"): True,
    ("AuthFunction", "POST", "/api/auth/refresh"): True,
    ("AuthFunction", "POST", "/api/auth/logout"): True,
    ("AuthFunction", "GET", "/api/me"): False,
    ("AuthFunction", "POST", "/api/auth/password"): False,
    **{
        (fn, method, path): False
        for fn, paths in {
            "UsersFunction": ["/api/users", "/api/users/{proxy+}", "/api/roles", "/api/roles/{proxy+}"],
            "MasterFunction": ["/api/master/{proxy+}"],
            "ClientsFunction": ["/api/clients", "/api/clients/{proxy+}"],
            "FunnelFunction": ["/api/funnel", "/api/funnel/{proxy+}"],
            "DashboardFunction": ["/api/dashboard"],
            "IntegrationsFunction": ["/api/integrations", "/api/integrations/{proxy+}"],
            "WhatsAppFunction": ["/api/whatsapp", "/api/whatsapp/{proxy+}"],
            "TasksFunction": ["/api/tasks", "/api/tasks/{proxy+}"],
            "SchedulesFunction": ["/api/schedules", "/api/schedules/{proxy+}"],
            "FinanceFunction": ["/api/catalog", "/api/catalog/{proxy+}", "/api/company/{proxy+}"],
            "DocumentsFunction": ["/api/documents", "/api/documents/{proxy+}"],
            "ChargesFunction": ["/api/charges", "/api/charges/{proxy+}"],
        }.items()
        for path in paths
        for method in WRITE_METHODS
    },
    # Webhooks: public routes, authenticated by the opaque per-company id (and Meta's signature).
    ("WhatsAppFunction", "GET", "/webhooks/whatsapp/{hook_id}"): True,
    ("WhatsAppFunction", "POST", "/webhooks/whatsapp/{hook_id}"): True,
    ("LeadsFunction", "POST", "/webhooks/leads/{hook_id}"): True,
    ("ChargesFunction", "POST", "/webhooks/cora/{hook_id}"): True,
}

GLOBAL_ENV = {
    "APP_ENV": "aws",
    "STAGE": {"Ref": "Stage"},
    "TABLE_NAME": {"Ref": "DataTable"},
    "IDEMPOTENCY_TABLE_NAME": {"Ref": "IdempotencyTable"},
    "DOCUMENTS_BUCKET": {"Ref": "DocumentsBucket"},
    "EVENT_BUS_NAME": {"Ref": "EventBus"},
    "SECRETS_PREFIX": {"Fn::Sub": "impacte/${Stage}"},
    "JWT_SECRET_ID": {"Ref": "JwtSigningKeySecret"},
    "POWERTOOLS_LOG_LEVEL": {"Ref": "LogLevel"},
    "POWERTOOLS_METRICS_NAMESPACE": "ImpactePlus",
    "POWERTOOLS_LOGGER_LOG_EVENT": "false",
    "PUBLIC_API_URL": {"Ref": "PublicApiUrl"},
}

OUTPUTS = {"ApiUrl", "WebUrl", "WebBucketName", "DistributionId", "DataTableName", "DocumentsBucketName"}

DATA_TABLE_ARN = {"Fn::GetAtt": ["DataTable", "Arn"]}
DATA_TABLE_INDEXES = {"Fn::Sub": "${DataTable.Arn}/index/*"}
JWT_SECRET = {"Ref": "JwtSigningKeySecret"}


# --- helpers ------------------------------------------------------------------------------------


@cache
def _template_json() -> str:
    from cfnlint.decode import decode

    tpl, matches = decode(str(TEMPLATE))
    assert not matches, "template.yaml does not parse:\n" + "\n".join(str(m) for m in matches)
    # Plain dicts/lists/str (cfn-lint's nodes carry line marks).
    return json.dumps(tpl)


def load_template() -> dict[str, Any]:
    return json.loads(_template_json())


@pytest.fixture(scope="module")
def tpl() -> dict[str, Any]:
    return load_template()


@pytest.fixture(scope="module")
def resources(tpl) -> dict[str, Any]:
    return tpl["Resources"]


def props(resources: dict[str, Any], name: str) -> dict[str, Any]:
    return resources[name].get("Properties", {})


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def contains_intrinsic(value: Any) -> bool:
    if isinstance(value, dict):
        return any(k == "Ref" or k.startswith("Fn::") or contains_intrinsic(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_intrinsic(v) for v in value)
    return False


def function_names(resources: dict[str, Any]) -> list[str]:
    return sorted(n for n, r in resources.items() if r["Type"] == "AWS::Serverless::Function")


def statements(resources: dict[str, Any], fn: str) -> list[dict[str, Any]]:
    out = []
    for policy in props(resources, fn).get("Policies", []):
        out.extend(as_list(policy["Statement"]))
    return out


def format_matches(matches) -> str:
    return "\n".join(
        f"{m.rule.id} {m.message} ({Path(m.filename or '').name}:{m.linenumber})" for m in matches
    )


# --- cfn-lint -----------------------------------------------------------------------------------


def test_cfn_lint_reports_no_errors():
    from cfnlint.api import lint_file
    from cfnlint.config import ManualArgs

    matches = lint_file(TEMPLATE, config=ManualArgs(regions=LINT_REGIONS))
    if matches:
        print("cfn-lint findings:\n" + format_matches(matches))
    errors = [m for m in matches if m.rule.id.startswith("E")]
    assert not errors, "cfn-lint errors in template.yaml:\n" + format_matches(errors)


@pytest.fixture(scope="module")
def translated(tpl) -> dict[str, Any]:
    """The CloudFormation template produced by the real SAM transform."""
    boto3 = pytest.importorskip("boto3")
    pytest.importorskip("samtranslator")
    from samtranslator.parser.parser import Parser
    from samtranslator.public.exceptions import InvalidDocumentException
    from samtranslator.translator.translator import Translator

    sam = copy.deepcopy(tpl)
    # `sam package` would replace local folders with S3 locations; do the same.
    for name, res in sam["Resources"].items():
        if res["Type"] == "AWS::Serverless::Function":
            res["Properties"]["CodeUri"] = f"s3://artifacts/{name}.zip"
        elif res["Type"] == "AWS::Serverless::LayerVersion":
            res["Properties"]["ContentUri"] = f"s3://artifacts/{name}.zip"
        elif res["Type"] == "AWS::Serverless::StateMachine":
            res["Properties"]["DefinitionUri"] = f"s3://artifacts/{name}.asl.json"
    session = boto3.session.Session(region_name=LINT_REGIONS[0])
    try:
        return Translator({}, Parser(), boto_session=session).translate(sam, parameter_values={})
    except InvalidDocumentException as exc:  # pragma: no cover - reported as a failure
        pytest.fail("SAM transform failed:\n" + "\n".join(str(c) for c in exc.causes))


def test_state_machine_definitions_exist_and_invoke_only_substituted_functions(resources):
    """Each machine's definition file is valid JSON whose Lambda Tasks call a `${...Arn}` substitution
    that template.yaml maps to one of our functions (the local stack runs the same file)."""
    machines = {n: r for n, r in resources.items() if r["Type"] == "AWS::Serverless::StateMachine"}
    assert "DocumentGenerationStateMachine" in machines
    for name, machine in machines.items():
        p = machine["Properties"]
        definition = json.loads((ROOT / p["DefinitionUri"]).read_text(encoding="utf-8"))
        substitutions = p["DefinitionSubstitutions"]
        tasks = [s for s in definition["States"].values() if s["Type"] == "Task"]
        assert tasks, name
        for task in tasks:
            target = task["Parameters"]["FunctionName"]
            assert target.startswith("${") and target[2:-1] in substitutions, (name, target)
            function = substitutions[target[2:-1]]["Fn::GetAtt"][0]
            assert function in FUNCTIONS, (name, function)


def test_translated_template_lints_without_errors(translated):
    from cfnlint.api import lint
    from cfnlint.config import ManualArgs

    matches = lint(json.dumps(translated), config=ManualArgs(regions=LINT_REGIONS))
    if matches:
        print("cfn-lint findings on the transformed template:\n" + format_matches(matches))
    errors = [m for m in matches if m.rule.id.startswith("E")]
    assert not errors, "cfn-lint errors after the SAM transform:\n" + format_matches(errors)


def test_translated_routes_and_authorizer(translated):
    body = translated["Resources"]["HttpApi"]["Properties"]["Body"]
    routes = {}
    for path, methods in body["paths"].items():
        for method, op in methods.items():
            method = "ANY" if method == "x-amazon-apigateway-any-method" else method.upper()
            routes[(method, path)] = op.get("security")
    expected = {(m, p): ([{"NONE": []}] if public else [{"LambdaAuthorizer": []}])
                for (_, m, p), public in ROUTES.items()}
    assert routes == expected
    # No ANY/OPTIONS route: API Gateway must answer CORS preflights itself (an ANY route behind
    # the authorizer would send the token-less OPTIONS preflight to the authorizer -> 401).
    assert not any(m in ("ANY", "OPTIONS") for m, _ in routes)

    auth = body["components"]["securitySchemes"]["LambdaAuthorizer"]["x-amazon-apigateway-authorizer"]
    assert auth["authorizerResultTtlInSeconds"] == {"Ref": "AuthorizerCacheTtl"}
    assert auth["identitySource"] == ["$request.header.Authorization"]
    assert auth["authorizerPayloadFormatVersion"] == "2.0"
    assert auth["enableSimpleResponses"] is True
    # EnableFunctionDefaultPermissions: API Gateway may invoke the authorizer.
    perms = [r for r in translated["Resources"].values() if r["Type"] == "AWS::Lambda::Permission"
             and r["Properties"]["FunctionName"] == {"Fn::GetAtt": ["AuthorizerFunction", "Arn"]}]
    assert perms, "no Lambda permission lets API Gateway invoke the authorizer"


# --- template basics ----------------------------------------------------------------------------


def test_transform_and_parameters(tpl):
    assert tpl["Transform"] == "AWS::Serverless-2016-10-31"
    params = tpl["Parameters"]
    assert params["Stage"]["Default"] == "prod"
    assert params["AuthorizerCacheTtl"]["Type"] == "Number"
    assert str(params["AuthorizerCacheTtl"]["Default"]) == "0"
    assert "immediately" in params["AuthorizerCacheTtl"]["Description"]
    assert params["LogLevel"]["Default"] == "INFO"
    assert params["AllowedOrigin"]["Default"] == "*"


def test_globals_function(tpl):
    g = tpl["Globals"]["Function"]
    assert g["Runtime"] == "python3.12"
    assert g["Architectures"] == ["arm64"]
    assert g["MemorySize"] == 512
    assert g["Timeout"] == 15
    assert g["Tracing"] == "Active"
    assert g["Layers"] == [{"Ref": "SharedLayer"}, {"Ref": "DependenciesLayer"}]
    env = g["Environment"]["Variables"]
    for key, value in GLOBAL_ENV.items():
        assert env.get(key) == value, key
    assert "POWERTOOLS_SERVICE_NAME" in env


def test_function_inventory(resources):
    assert function_names(resources) == sorted(FUNCTIONS)
    for name, (code_uri, handler) in FUNCTIONS.items():
        p = props(resources, name)
        assert p["CodeUri"] == code_uri, name
        assert p["Handler"] == handler, name
        # Runtime, architecture and layers come from Globals only.
        for key in ("Runtime", "Architectures", "Layers", "InlineCode"):
            assert key not in p, f"{name} overrides {key}"
        assert p["Environment"]["Variables"]["POWERTOOLS_SERVICE_NAME"], name


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_code_exists(name):
    code_uri, handler = FUNCTIONS[name]
    folder = ROOT / code_uri
    assert folder.is_dir(), f"{name}: CodeUri folder {code_uri} does not exist"
    package, module, func = handler.split(".")
    assert module == "app" and func == "handler", handler
    app_py = folder / package / "app.py"
    assert app_py.is_file(), f"{name}: handler module {app_py.relative_to(ROOT)} does not exist"
    tree = ast.parse(app_py.read_text(encoding="utf-8"))
    defined = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            defined.add(node.name)
        elif isinstance(node, ast.Assign):
            defined.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
        elif isinstance(node, ast.ImportFrom):
            defined.update(a.asname or a.name for a in node.names)
    assert "handler" in defined, f"{app_py.relative_to(ROOT)} defines no module-level `handler`"


def test_the_clients_function_may_invoke_itself_by_its_name(resources):
    """Background jobs invoke the function that queued them (AWS_LAMBDA_FUNCTION_NAME): its fixed name
    is the one its policy allows."""
    name = props(resources, "ClientsFunction")["FunctionName"]["Fn::Sub"]
    assert CLIENTS_FUNCTION_ARN["Fn::Sub"].endswith(f":function:{name}")
    assert props(resources, "ClientsFunction")["RecursiveLoop"] == "Allow"  # a large import chains invocations


def test_downloads_expose_their_file_name_and_import_files_expire(resources):
    cors = props(resources, "HttpApi")["CorsConfiguration"]
    assert cors["ExposeHeaders"] == ["Content-Disposition"]
    rules = props(resources, "DocumentsBucket")["LifecycleConfiguration"]["Rules"]
    [rule] = [r for r in rules if r.get("TagFilters") == [{"Key": "purpose", "Value": "client-import"}]]
    assert rule["Status"] == "Enabled" and rule["ExpirationInDays"] <= 90


def test_function_log_groups(resources):
    for name in FUNCTIONS:
        lg = resources[f"{name}LogGroup"]
        assert lg["Type"] == "AWS::Logs::LogGroup"
        assert lg["Properties"]["LogGroupName"] == {"Fn::Sub": f"/aws/lambda/${{{name}}}"}
        assert lg["Properties"]["RetentionInDays"] == 30


# --- data ---------------------------------------------------------------------------------------


def test_data_table(resources):
    table = resources["DataTable"]
    assert table["Type"] == "AWS::DynamoDB::Table"
    assert table["DeletionPolicy"] == "Retain"
    assert table["UpdateReplacePolicy"] == "Retain"
    p = table["Properties"]
    assert p["BillingMode"] == "PAY_PER_REQUEST"
    assert p["KeySchema"] == [
        {"AttributeName": "PK", "KeyType": "HASH"},
        {"AttributeName": "SK", "KeyType": "RANGE"},
    ]
    key_attrs = ["PK", "SK"] + [f"GSI{i}{k}" for i in (1, 2, 3) for k in ("PK", "SK")]
    assert sorted(p["AttributeDefinitions"], key=lambda a: a["AttributeName"]) == sorted(
        ({"AttributeName": a, "AttributeType": "S"} for a in key_attrs), key=lambda a: a["AttributeName"]
    )
    gsis = {g["IndexName"]: g for g in p["GlobalSecondaryIndexes"]}
    assert sorted(gsis) == ["GSI1", "GSI2", "GSI3"]
    for name, gsi in gsis.items():
        assert gsi["KeySchema"] == [
            {"AttributeName": f"{name}PK", "KeyType": "HASH"},
            {"AttributeName": f"{name}SK", "KeyType": "RANGE"},
        ]
        assert gsi["Projection"] == {"ProjectionType": "ALL"}
        assert "ProvisionedThroughput" not in gsi
    assert p["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert p["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert p["SSESpecification"]["SSEEnabled"] is True


def test_data_table_shape_is_literal(resources):
    """The local emulator creates its table from these properties: no intrinsic functions."""
    p = props(resources, "DataTable")
    for key in ("KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes", "BillingMode",
                "TimeToLiveSpecification"):
        assert not contains_intrinsic(p[key]), key


def test_idempotency_table(resources):
    p = props(resources, "IdempotencyTable")
    assert p["BillingMode"] == "PAY_PER_REQUEST"
    assert p["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert p["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]
    assert p["TimeToLiveSpecification"] == {"AttributeName": "expiration", "Enabled": True}
    assert p["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}


def _assert_private_bucket(resources, name):
    p = props(resources, name)
    assert p["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True, "BlockPublicPolicy": True,
        "IgnorePublicAcls": True, "RestrictPublicBuckets": True,
    }
    rules = p["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rules[0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms", "aws:kms:dsse")


def _bucket_policy_for(resources, bucket):
    policies = [r for r in resources.values()
                if r["Type"] == "AWS::S3::BucketPolicy" and r["Properties"]["Bucket"] == {"Ref": bucket}]
    assert len(policies) == 1, f"expected one bucket policy for {bucket}"
    return as_list(policies[0]["Properties"]["PolicyDocument"]["Statement"])


def _assert_tls_only(stmts):
    assert any(
        s["Effect"] == "Deny"
        and s.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") in ("false", False)
        for s in stmts
    ), "bucket policy must deny requests without TLS"


def test_documents_bucket(resources):
    _assert_private_bucket(resources, "DocumentsBucket")
    assert props(resources, "DocumentsBucket")["VersioningConfiguration"] == {"Status": "Enabled"}
    stmts = _bucket_policy_for(resources, "DocumentsBucket")
    _assert_tls_only(stmts)
    assert all(s["Effect"] == "Deny" for s in stmts), "DocumentsBucket policy must not grant access"


def test_web_hosting(resources):
    _assert_private_bucket(resources, "WebBucket")
    oac = props(resources, "WebOriginAccessControl")["OriginAccessControlConfig"]
    assert oac["OriginAccessControlOriginType"] == "s3"
    assert oac["SigningBehavior"] == "always"

    cfg = props(resources, "WebDistribution")["DistributionConfig"]
    assert cfg["Enabled"] is True
    assert cfg["DefaultRootObject"] == "index.html"
    [origin] = cfg["Origins"]
    assert origin["DomainName"] == {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]}
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["WebOriginAccessControl", "Id"]}
    assert cfg["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    fallbacks = {
        e["ErrorCode"]: (e["ResponseCode"], e["ResponsePagePath"]) for e in cfg["CustomErrorResponses"]
    }
    assert fallbacks == {403: (200, "/index.html"), 404: (200, "/index.html")}

    stmts = _bucket_policy_for(resources, "WebBucket")
    _assert_tls_only(stmts)
    allows = [s for s in stmts if s["Effect"] == "Allow"]
    assert len(allows) == 1
    [allow] = allows
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert as_list(allow["Action"]) == ["s3:GetObject"]
    source_arn = allow["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]
    assert source_arn.endswith(":distribution/${WebDistribution}")


def test_secret_and_event_bus(resources):
    secret = props(resources, "JwtSigningKeySecret")
    assert resources["JwtSigningKeySecret"]["Type"] == "AWS::SecretsManager::Secret"
    assert secret["Name"] == {"Fn::Sub": "impacte/${Stage}/platform/jwt-signing-key"}
    assert secret["GenerateSecretString"]["PasswordLength"] == 64
    assert secret["GenerateSecretString"]["ExcludePunctuation"] is True
    assert "impacte/${Stage}/tenants/<tenant_id>/<integration>" in TEMPLATE.read_text(encoding="utf-8")

    assert resources["EventBus"]["Type"] == "AWS::Events::EventBus"
    assert props(resources, "EventBus")["Name"] == {"Fn::Sub": "impacte-${Stage}"}


# --- API ----------------------------------------------------------------------------------------


def test_http_api(resources):
    api = resources["HttpApi"]
    assert api["Type"] == "AWS::Serverless::HttpApi"
    p = api["Properties"]
    assert p["StageName"] in ("$default", {"Ref": "Stage"})
    cors = p["CorsConfiguration"]
    assert cors["AllowOrigins"] == [{"Ref": "AllowedOrigin"}]
    assert set(cors["AllowHeaders"]) == {"Authorization", "Content-Type", "Idempotency-Key"}
    assert set(cors["AllowMethods"]) == {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
    auth = p["Auth"]
    assert auth["DefaultAuthorizer"] == "LambdaAuthorizer"
    la = auth["Authorizers"]["LambdaAuthorizer"]
    assert la["FunctionArn"] == {"Fn::GetAtt": ["AuthorizerFunction", "Arn"]}
    assert la["Identity"] == {"Headers": ["Authorization"], "ReauthorizeEvery": {"Ref": "AuthorizerCacheTtl"}}
    assert la["AuthorizerPayloadFormatVersion"] == "2.0"
    assert la["EnableSimpleResponses"] is True
    assert la["EnableFunctionDefaultPermissions"] is True


def test_routes(resources):
    found: dict[tuple[str, str, str], bool] = {}
    for fn in function_names(resources):
        for event in props(resources, fn).get("Events", {}).values():
            if fn == "DispatcherFunction":
                assert event == {"Type": "Schedule", "Properties": {
                    "Schedule": "rate(1 minute)", "Description": event["Properties"]["Description"]}}
                continue
            assert event["Type"] == "HttpApi"
            ep = event["Properties"]
            assert ep["ApiId"] == {"Ref": "HttpApi"}
            authorizer = ep.get("Auth", {}).get("Authorizer")
            assert authorizer in (None, "NONE"), "routes use the default authorizer or none"
            key = (fn, ep["Method"].upper(), ep["Path"])
            assert key not in found, f"duplicate route {key}"
            found[key] = authorizer == "NONE"
    assert found == ROUTES
    assert not props(resources, "AuthorizerFunction").get("Events"), "the authorizer has no routes"


# --- IAM ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", sorted(FUNCTIONS))
def test_function_policies_are_explicit_and_least_privilege(resources, fn):
    p = props(resources, fn)
    assert "Role" not in p, f"{fn} must use its own SAM-generated role"
    policies = p.get("Policies")
    assert isinstance(policies, list) and policies, f"{fn} needs explicit Policies"
    for policy in policies:
        # Inline statements only: no managed policy names/ARNs, no SAM policy templates.
        assert isinstance(policy, dict) and set(policy) == {"Statement"}, f"{fn}: {policy}"

    table, index, secrets, others = set(), set(), set(), set()
    for st in statements(resources, fn):
        assert st["Effect"] == "Allow", f"{fn}: only Allow statements expected"
        assert "NotAction" not in st and "NotResource" not in st
        actions = as_list(st["Action"])
        res = as_list(st["Resource"])
        for action in actions:
            assert "*" not in action, f"{fn}: wildcard action {action}"
        assert "*" not in res, f"{fn}: Resource '*'"
        for action in actions:
            service = action.split(":")[0]
            for r in res:
                if service == "dynamodb":
                    if r == DATA_TABLE_ARN:
                        table.add(action)
                    elif r == DATA_TABLE_INDEXES:
                        index.add(action)
                    else:
                        pytest.fail(f"{fn}: {action} on unexpected resource {r}")
                elif service == "secretsmanager" and r == JWT_SECRET:
                    secrets.add(action)
                elif r in as_list(OTHER_PERMISSIONS.get(fn, {}).get(action)):
                    others.add(action)
                else:
                    pytest.fail(f"{fn}: unexpected permission {action} on {r}")
    assert table == DATA_TABLE_ACTIONS[fn]
    assert index == INDEX_ACTIONS[fn]
    assert others == set(OTHER_PERMISSIONS.get(fn, {}))
    assert secrets == {"secretsmanager:GetSecretValue"}


def test_nothing_may_scan_the_data_table(resources):
    """No statement anywhere grants Scan (or a DynamoDB wildcard) - tenants must be isolated by key."""
    text = json.dumps(resources)
    assert "dynamodb:Scan" not in text
    assert not re.search(r'"dynamodb:[A-Za-z]*\*', text), "wildcard DynamoDB action"
    assert '"dynamodb:*"' not in text


# --- layers and their build inputs --------------------------------------------------------------


def test_layers(resources):
    shared = resources["SharedLayer"]
    assert shared["Type"] == "AWS::Serverless::LayerVersion"
    assert shared["Properties"]["ContentUri"] == "shared/"
    assert shared["Properties"]["CompatibleRuntimes"] == ["python3.12"]
    assert shared["Properties"]["CompatibleArchitectures"] == ["arm64"]
    assert shared["Metadata"]["BuildMethod"] == "makefile"

    deps = resources["DependenciesLayer"]
    assert deps["Type"] == "AWS::Serverless::LayerVersion"
    assert deps["Properties"]["ContentUri"] == "layers/dependencies/"
    assert deps["Properties"]["CompatibleRuntimes"] == ["python3.12"]
    assert deps["Properties"]["CompatibleArchitectures"] == ["arm64"]
    assert deps["Metadata"]["BuildMethod"] == "python3.12"
    assert deps["Metadata"]["BuildArchitecture"] == "arm64"


def _canonical(requirement: str) -> str:
    name, sep, version = requirement.strip().partition("==")
    assert sep, f"unpinned requirement: {requirement!r}"
    return f"{re.sub(r'[-_.]+', '-', name).lower()}=={version.strip()}"


def test_dependency_layer_pins_match_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = [_canonical(d) for d in pyproject["project"]["dependencies"]]
    lines = (ROOT / "layers/dependencies/requirements.txt").read_text(encoding="utf-8").splitlines()
    layer = [_canonical(line) for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert len(layer) == len(set(layer)), "duplicate requirement"
    assert sorted(layer) == sorted(declared)


@pytest.mark.skipif(not (shutil.which("make") and shutil.which("tar")), reason="needs make and tar")
def test_shared_makefile_builds_the_layer(tmp_path):
    makefile = ROOT / "shared" / "Makefile"
    assert re.search(r"^build-SharedLayer:", makefile.read_text(encoding="utf-8"), re.M)
    artifacts = tmp_path / "artifacts"
    # Run from elsewhere, as sam does (it may run from a scratch copy).
    make = shutil.which("make")
    run = subprocess.run(  # noqa: S603 - fixed arguments
        [make, "-f", str(makefile), "build-SharedLayer", f"ARTIFACTS_DIR={artifacts}"],
        cwd=tmp_path, check=False, capture_output=True, text=True,
    )
    assert run.returncode == 0, f"make build-SharedLayer failed:\n{run.stdout}\n{run.stderr}"
    src = ROOT / "shared"
    expected = {
        f.relative_to(src).as_posix() for f in src.rglob("*")
        if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc" and f.name != "Makefile"
    }
    dest = artifacts / "python" / "shared"
    built = {f.relative_to(dest).as_posix() for f in dest.rglob("*") if f.is_file()}
    assert built == expected
    assert "__init__.py" in built
    assert not any("__pycache__" in b for b in built)


# --- outputs ------------------------------------------------------------------------------------


def test_outputs(tpl):
    outputs = tpl["Outputs"]
    assert set(outputs) >= OUTPUTS
    assert outputs["DataTableName"]["Value"] == {"Ref": "DataTable"}
    assert outputs["DocumentsBucketName"]["Value"] == {"Ref": "DocumentsBucket"}
    assert outputs["WebBucketName"]["Value"] == {"Ref": "WebBucket"}
    assert outputs["DistributionId"]["Value"] == {"Ref": "WebDistribution"}
    assert "${HttpApi}" in outputs["ApiUrl"]["Value"]["Fn::Sub"]
    assert "${WebDistribution.DomainName}" in outputs["WebUrl"]["Value"]["Fn::Sub"]

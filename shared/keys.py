"""Every DynamoDB key of the single table is built here, and only here.

Layout rules (see the README's access-pattern table):
- Tenant items: the partition key starts with ``T#<tenant_id>#`` (the closing ``#`` keeps tenant
  ``01A`` from ever reaching ``01AB``). GSI partition keys of tenant items start the same way.
- Platform items (plans, master users, the tenant registry): ``P#...``. Only master code reads them.
- Global lookups that must precede a tenant (login by e-mail, login attempts): ``G#...``.
"""

from __future__ import annotations

import hashlib

from shared.ids import is_valid_id

SEP = "#"


class Key(dict):
    """A primary key: {"PK": ..., "SK": ...}."""

    def __init__(self, pk: str, sk: str):
        super().__init__(PK=pk, SK=sk)

    @property
    def pk(self) -> str:
        return self["PK"]

    @property
    def sk(self) -> str:
        return self["SK"]


def _tenant(tenant_id: str) -> str:
    if not is_valid_id(tenant_id):
        raise ValueError("tenant id must be a ULID")
    return f"T#{tenant_id}#"


def email_hash(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


# --- tenants ---------------------------------------------------------------------------------

def tenant(tenant_id: str) -> Key:
    return Key(_tenant(tenant_id) + "TENANT", "TENANT")


def tenant_registry_gsi1(created_at: str, tenant_id: str) -> dict[str, str]:
    """Master's list of companies, newest first (GSI1)."""
    return {"GSI1PK": "P#TENANTS", "GSI1SK": f"{created_at}#{tenant_id}"}


TENANT_REGISTRY_GSI1PK = "P#TENANTS"


def tenants_by_plan_gsi2(plan_id: str, tenant_id: str) -> dict[str, str]:
    """Companies on a plan (GSI2), to refresh their copy of the plan when it changes."""
    return {"GSI2PK": f"P#PLAN#{plan_id}#TENANTS", "GSI2SK": tenant_id}


def tenants_by_plan_pk(plan_id: str) -> str:
    return f"P#PLAN#{plan_id}#TENANTS"


def tenant_roles(tenant_id: str) -> Key:
    """The company's customised role permissions (one item for all roles)."""
    return tenant_setting(tenant_id, "ROLES")


# --- users -----------------------------------------------------------------------------------

def user(tenant_id: str | None, user_id: str) -> Key:
    """A company user, or (tenant_id None) a master user of the SaaS team."""
    if not is_valid_id(user_id):
        raise ValueError("user id must be a ULID")
    if tenant_id is None:
        return Key(f"P#USER#{user_id}", "USER")
    return Key(_tenant(tenant_id) + f"USER#{user_id}", "USER")


def users_of_tenant_gsi1(tenant_id: str, sort_name: str, user_id: str) -> dict[str, str]:
    return {"GSI1PK": users_of_tenant_pk(tenant_id), "GSI1SK": f"{sort_name}#{user_id}"}


def users_of_tenant_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "USERS"


def session(tenant_id: str | None, user_id: str, session_id: str) -> Key:
    return Key(user(tenant_id, user_id).pk, f"SESSION#{session_id}")


SESSION_PREFIX = "SESSION#"


# --- global lookups ----------------------------------------------------------------------------

def email_guard(email: str) -> Key:
    """Makes an e-mail unique across the whole system and maps it to its user for login."""
    return Key(f"G#EMAIL#{email}", "EMAIL")


def login_attempts(email: str) -> Key:
    return Key(f"G#LOGIN#{email_hash(email)}", "ATTEMPTS")


def webhook_route(hook_id: str) -> Key:
    """An opaque webhook route id -> its company and integration (signed/secret routes precede a tenant)."""
    return Key(f"G#HOOK#{hook_id}", "HOOK")


# --- platform --------------------------------------------------------------------------------

PLANS_PK = "P#PLANS"


def plan(plan_id: str) -> Key:
    return Key(PLANS_PK, f"PLAN#{plan_id}")


# --- clients -----------------------------------------------------------------------------------

def client(tenant_id: str, client_id: str) -> Key:
    if not is_valid_id(client_id):
        raise ValueError("client id must be a ULID")
    return Key(_tenant(tenant_id) + f"CLIENT#{client_id}", "CLIENT")


def client_list_gsis(tenant_id: str, client_id: str, created_at: str, *, archived: bool, stage: str,
                     owner_id: str | None) -> dict[str, str]:
    """Client lists: all (GSI1), by stage (GSI2), by owner (GSI3); sorted by creation time."""
    sort = f"{created_at}#{client_id}"
    if archived:
        return {"GSI1PK": clients_pk(tenant_id, archived=True), "GSI1SK": sort}
    found = {"GSI1PK": clients_pk(tenant_id), "GSI1SK": sort,
             "GSI2PK": clients_by_stage_pk(tenant_id, stage), "GSI2SK": sort}
    if owner_id:
        found |= {"GSI3PK": clients_by_owner_pk(tenant_id, owner_id), "GSI3SK": sort}
    return found


def clients_pk(tenant_id: str, *, archived: bool = False) -> str:
    return _tenant(tenant_id) + ("CLIENTS#ARCHIVED" if archived else "CLIENTS")


def clients_by_stage_pk(tenant_id: str, stage: str) -> str:
    return _tenant(tenant_id) + f"CLIENTS#STAGE#{stage}"


def clients_by_owner_pk(tenant_id: str, owner_id: str) -> str:
    return _tenant(tenant_id) + f"CLIENTS#OWNER#{owner_id}"


def client_guard(tenant_id: str, kind: str, value: str) -> Key:
    """Uniqueness of a client's document, WhatsApp or e-mail inside one company."""
    return Key(_tenant(tenant_id) + f"CLIENTUNIQ#{kind}#{value}", "GUARD")


def search_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "SEARCH"


def search_term(tenant_id: str, term: str, client_id: str) -> Key:
    return Key(search_pk(tenant_id), f"{term}#{client_id}")


def timeline_event(tenant_id: str, client_id: str, at: str, event_id: str) -> Key:
    return Key(client(tenant_id, client_id).pk, f"TL#{at}#{event_id}")


TIMELINE_PREFIX = "TL#"


# --- funnel ------------------------------------------------------------------------------------

def card(tenant_id: str, card_id: str) -> Key:
    if not is_valid_id(card_id):
        raise ValueError("card id must be a ULID")
    return Key(_tenant(tenant_id) + f"CARD#{card_id}", "CARD")


def board_gsis(tenant_id: str, card_id: str, stage: str, owner_id: str | None, last_activity_at: str) -> dict[str, str]:
    """A stage column (GSI1) and one seller's column (GSI2), by last activity."""
    sort = f"{last_activity_at}#{card_id}"
    found = {"GSI1PK": board_pk(tenant_id, stage), "GSI1SK": sort}
    if owner_id:
        found |= {"GSI2PK": board_pk(tenant_id, stage, owner_id), "GSI2SK": sort}
    return found


def board_pk(tenant_id: str, stage: str, owner_id: str | None = None) -> str:
    if owner_id:
        return _tenant(tenant_id) + f"BOARD#OWNER#{owner_id}#{stage}"
    return _tenant(tenant_id) + f"BOARD#{stage}"


# --- settings and counters -----------------------------------------------------------------------

def tenant_setting(tenant_id: str, name: str) -> Key:
    """One item per settings area of a company (ROLES, FUNNEL, CLIENT_FIELDS...)."""
    return Key(_tenant(tenant_id) + "SETTINGS", name)


def stats_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "STATS"


def board_stats(tenant_id: str) -> Key:
    """Current count and value per stage."""
    return Key(stats_pk(tenant_id), "BOARD")


def day_stats(tenant_id: str, day: str) -> Key:
    """What happened on one day (São Paulo calendar): leads, milestones, values, origins, campaigns."""
    return Key(stats_pk(tenant_id), f"DAY#{day}")


def integration(tenant_id: str, kind: str) -> Key:
    return tenant_setting(tenant_id, f"INTEGRATION#{kind}")


INTEGRATION_PREFIX = "INTEGRATION#"


def jobs_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "JOBS"


def client_import(tenant_id: str, import_id: str) -> Key:
    if not is_valid_id(import_id):
        raise ValueError("import id must be a ULID")
    return Key(_tenant(tenant_id) + f"IMPORT#{import_id}", "IMPORT")


def client_import_row(tenant_id: str, import_id: str, line: int) -> Key:
    return Key(client_import(tenant_id, import_id).pk, f"ROW#{line:07d}")


def client_import_rows_gsi1(tenant_id: str, import_id: str, outcome: str, line: int) -> dict[str, str]:
    """An import's report rows of one outcome (created, merged, skipped, failed), in line order (GSI1)."""
    return {"GSI1PK": client_import_rows_pk(tenant_id, import_id, outcome),
            "GSI1SK": client_import_row(tenant_id, import_id, line).sk}


def client_import_rows_pk(tenant_id: str, import_id: str, outcome: str) -> str:
    return client_import(tenant_id, import_id).pk + f"#{outcome.upper()}"


# --- whatsapp ----------------------------------------------------------------------------------

def wa_conversation(tenant_id: str, conversation_id: str) -> Key:
    """A WhatsApp conversation (one per company and phone number); its messages share the partition."""
    if not is_valid_id(conversation_id):
        raise ValueError("conversation id must be a ULID")
    return Key(_tenant(tenant_id) + f"WACONV#{conversation_id}", "CONV")


def wa_conversation_gsis(tenant_id: str, conversation_id: str, last_message_at: str, *,
                         assignee_id: str | None, client_owner_id: str | None) -> dict[str, str]:
    """Inbox lists by last message: all (GSI1), by assignee or unassigned (GSI2), by client owner (GSI3)."""
    sort = f"{last_message_at}#{conversation_id}"
    found = {"GSI1PK": wa_conversations_pk(tenant_id), "GSI1SK": sort,
             "GSI2PK": wa_conversations_by_assignee_pk(tenant_id, assignee_id), "GSI2SK": sort}
    if client_owner_id:
        found |= {"GSI3PK": wa_conversations_by_owner_pk(tenant_id, client_owner_id), "GSI3SK": sort}
    return found


def wa_conversations_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "WACONVS"


def wa_conversations_by_assignee_pk(tenant_id: str, assignee_id: str | None) -> str:
    """`assignee_id` None: the unassigned conversations."""
    return _tenant(tenant_id) + f"WACONVS#ASSIGNEE#{assignee_id or 'NONE'}"


def wa_conversations_by_owner_pk(tenant_id: str, owner_id: str) -> str:
    return _tenant(tenant_id) + f"WACONVS#OWNER#{owner_id}"


def wa_phone_guard(tenant_id: str, phone: str) -> Key:
    """One conversation per company and E.164 number (same transaction as the conversation)."""
    return Key(_tenant(tenant_id) + f"WAPHONE#{phone}", "GUARD")


def wa_message(tenant_id: str, conversation_id: str, created_at: str, message_id: str) -> Key:
    return Key(wa_conversation(tenant_id, conversation_id).pk, f"{WA_MESSAGE_PREFIX}{created_at}#{message_id}")


WA_MESSAGE_PREFIX = "MSG#"


def wa_message_ref(tenant_id: str, wa_message_id: str) -> Key:
    """Meta's message id (wamid) -> our message: stores an inbound message once, finds an outgoing
    one for its status updates. Hashed: wamids are provider strings of any length and alphabet."""
    return Key(_tenant(tenant_id) + f"WAMID#{hashlib.sha256(wa_message_id.encode()).hexdigest()}", "WAMID")


# --- lead capture ----------------------------------------------------------------------------------

def lead_rate(tenant_id: str, minute: str) -> Key:
    """Leads received through the company's lead route in one minute (`yyyy-mm-ddThh:mm`, TTL)."""
    return Key(_tenant(tenant_id) + "LEADRATE", f"MIN#{minute}")


# --- tasks ---------------------------------------------------------------------------------------

def task(tenant_id: str, task_id: str) -> Key:
    if not is_valid_id(task_id):
        raise ValueError("task id must be a ULID")
    return Key(_tenant(tenant_id) + f"TASK#{task_id}", "TASK")


def task_gsis(tenant_id: str, task_id: str, owner_id: str, client_id: str | None, due_at: str, *, open_: bool,
              closed_at: str) -> dict[str, str]:
    """Open tasks by deadline per owner (GSI1) and company-wide (GSI2); closed ones by closing time;
    a client's tasks (GSI3)."""
    state = "OPEN" if open_ else "CLOSED"
    sort = f"{due_at if open_ else closed_at}#{task_id}"
    found = {"GSI1PK": tasks_by_owner_pk(tenant_id, owner_id, state), "GSI1SK": sort,
             "GSI2PK": tasks_pk(tenant_id, state), "GSI2SK": sort}
    if client_id:
        found |= {"GSI3PK": tasks_by_client_pk(tenant_id, client_id), "GSI3SK": f"{due_at}#{task_id}"}
    return found


def tasks_by_owner_pk(tenant_id: str, owner_id: str, state: str = "OPEN") -> str:
    return _tenant(tenant_id) + f"TASKS#OWNER#{owner_id}#{state}"


def tasks_pk(tenant_id: str, state: str = "OPEN") -> str:
    return _tenant(tenant_id) + f"TASKS#{state}"


def tasks_by_client_pk(tenant_id: str, client_id: str) -> str:
    return _tenant(tenant_id) + f"TASKS#CLIENT#{client_id}"


def task_stats(tenant_id: str) -> Key:
    """Open tasks per deadline day (company and per owner): the Dashboard's overdue count."""
    return Key(stats_pk(tenant_id), "TASKS")


# --- scheduled messages ---------------------------------------------------------------------------

def schedule(tenant_id: str, schedule_id: str) -> Key:
    if not is_valid_id(schedule_id):
        raise ValueError("schedule id must be a ULID")
    return Key(_tenant(tenant_id) + f"SCHED#{schedule_id}", "SCHED")


def schedule_gsis(tenant_id: str, schedule_id: str, send_at: str, client_id: str | None, *,
                  due_minute: str | None) -> dict[str, str]:
    """The company's schedules by send time (GSI1), a client's (GSI2), and — only while waiting to go
    out — the dispatcher's index of due minutes across companies (GSI3, sparse)."""
    found = {"GSI1PK": schedules_pk(tenant_id), "GSI1SK": f"{send_at}#{schedule_id}"}
    if client_id:
        found |= {"GSI2PK": schedules_by_client_pk(tenant_id, client_id), "GSI2SK": f"{send_at}#{schedule_id}"}
    if due_minute:
        found |= {"GSI3PK": due_minute_pk(due_minute), "GSI3SK": f"{tenant_id}#{schedule_id}"}
    return found


def schedules_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "SCHEDS"


def schedules_by_client_pk(tenant_id: str, client_id: str) -> str:
    return _tenant(tenant_id) + f"SCHEDS#CLIENT#{client_id}"


def due_minute_pk(minute: str) -> str:
    """`YYYY-MM-DDTHH:MM` (UTC). The one index that spans companies: only the dispatcher reads it."""
    return f"DUE#{minute}"


DISPATCHER_STATE = Key("P#DISPATCHER", "STATE")


def message_template(tenant_id: str, template_id: str) -> Key:
    if not is_valid_id(template_id):
        raise ValueError("template id must be a ULID")
    return Key(_tenant(tenant_id) + "MSGTPL", template_id)


def message_templates_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "MSGTPL"


# --- catalog (plans, products, services) -----------------------------------------------------------

def catalog_item(tenant_id: str, item_id: str) -> Key:
    if not is_valid_id(item_id):
        raise ValueError("catalog item id must be a ULID")
    return Key(_tenant(tenant_id) + f"CATITEM#{item_id}", "CATITEM")


def catalog_item_gsis(tenant_id: str, item_id: str, kind: str, sort_name: str, *, active: bool) -> dict[str, str]:
    """The catalog by name: all of one state (GSI1) and one kind of one state (GSI2)."""
    sort = f"{sort_name}#{item_id}"
    return {"GSI1PK": catalog_pk(tenant_id, active=active), "GSI1SK": sort,
            "GSI2PK": catalog_by_kind_pk(tenant_id, kind, active=active), "GSI2SK": sort}


def catalog_pk(tenant_id: str, *, active: bool = True) -> str:
    return _tenant(tenant_id) + ("CATALOG" if active else "CATALOG#ARCHIVED")


def catalog_by_kind_pk(tenant_id: str, kind: str, *, active: bool = True) -> str:
    return _tenant(tenant_id) + f"CATALOG#KIND#{kind}" + ("" if active else "#ARCHIVED")


def catalog_search_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "CATSEARCH"


def catalog_search_term(tenant_id: str, term: str, item_id: str) -> Key:
    """A folded word of an item's name, or its compacted SKU: prefix search."""
    return Key(catalog_search_pk(tenant_id), f"{term}#{item_id}")


def catalog_sku_guard(tenant_id: str, sku: str) -> Key:
    """One catalog item per SKU inside a company (same transaction as the item)."""
    return Key(_tenant(tenant_id) + f"CATSKU#{sku}", "GUARD")


# --- company profile (Dados da empresa) -------------------------------------------------------------

def company_profile(tenant_id: str) -> Key:
    """What documents print about the company: names, CNPJ, address, contacts, logo."""
    return tenant_setting(tenant_id, "COMPANY_PROFILE")


def company_logo_object(tenant_id: str, extension: str) -> str:
    """The logo's S3 key in the private documents bucket."""
    _tenant(tenant_id)
    return f"tenants/{tenant_id}/branding/logo.{extension}"


# --- documents (proposta, contrato, pedido, recibo) -------------------------------------------------

def document(tenant_id: str, document_id: str) -> Key:
    if not is_valid_id(document_id):
        raise ValueError("document id must be a ULID")
    return Key(_tenant(tenant_id) + f"DOC#{document_id}", "DOC")


def document_gsis(tenant_id: str, document_id: str, created_at: str, client_id: str) -> dict[str, str]:
    """The company's documents newest first (GSI1) and one client's (GSI2)."""
    sort = f"{created_at}#{document_id}"
    return {"GSI1PK": documents_pk(tenant_id), "GSI1SK": sort,
            "GSI2PK": documents_by_client_pk(tenant_id, client_id), "GSI2SK": sort}


def documents_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "DOCS"


def documents_by_client_pk(tenant_id: str, client_id: str) -> str:
    return _tenant(tenant_id) + f"DOCS#CLIENT#{client_id}"


def document_counter(tenant_id: str, kind: str, year: int) -> Key:
    """The last number given to a kind of document in a year (PROP-2026-0001...)."""
    return Key(_tenant(tenant_id) + "DOCNUM", f"{kind}#{year}")


def document_templates_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "DOCTPL"


def document_template(tenant_id: str, kind: str) -> Key:
    """The company's own template of a kind (absent: the default one)."""
    return Key(document_templates_pk(tenant_id), kind)


# --- charges (cobranças at Cora) --------------------------------------------------------------------

def charge(tenant_id: str, charge_id: str) -> Key:
    if not is_valid_id(charge_id):
        raise ValueError("charge id must be a ULID")
    return Key(_tenant(tenant_id) + f"CHG#{charge_id}", "CHG")


def charge_gsis(tenant_id: str, charge_id: str, due_date: str, client_id: str, *, open_: bool) -> dict[str, str]:
    """The company's charges by due date (GSI1), one client's (GSI2) and, while still to be received,
    the open ones by due date (GSI3: overdue = due before today)."""
    sort = f"{due_date}#{charge_id}"
    found = {"GSI1PK": charges_pk(tenant_id), "GSI1SK": sort,
             "GSI2PK": charges_by_client_pk(tenant_id, client_id), "GSI2SK": sort}
    if open_:
        found.update(GSI3PK=open_charges_pk(tenant_id), GSI3SK=sort)
    return found


def charges_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "CHGS"


def charges_by_client_pk(tenant_id: str, client_id: str) -> str:
    return _tenant(tenant_id) + f"CHGS#CLIENT#{client_id}"


def open_charges_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "CHGS#OPEN"


def charge_guard(tenant_id: str, client_id: str, due_date: str, amount_cents: int) -> Key:
    """One live charge per client, due date and amount: written in the charge's own transaction."""
    return Key(_tenant(tenant_id) + f"CHGDUP#{client_id}#{due_date}#{amount_cents}", "GUARD")


def charge_series(tenant_id: str, series_id: str) -> Key:
    if not is_valid_id(series_id):
        raise ValueError("series id must be a ULID")
    return Key(_tenant(tenant_id) + f"CHGSER#{series_id}", "SERIES")


def charge_invoice_ref(tenant_id: str, invoice_id: str) -> Key:
    """Cora invoice id -> our charge, inside the company: another company's invoice finds nothing."""
    return Key(_tenant(tenant_id) + f"CORAINV#{invoice_id}", "REF")


def cora_event(tenant_id: str, event_id: str) -> Key:
    """A Cora webhook event already processed (kept a while with a TTL)."""
    return Key(_tenant(tenant_id) + f"CORAEVT#{event_id}", "EVENT")


def charge_stats(tenant_id: str) -> Key:
    """Running count and sum of the charges still to be received (Dashboard)."""
    return Key(stats_pk(tenant_id), "CHARGES")


def charge_settings(tenant_id: str) -> Key:
    """The company's charge rules: reminders, receipt, card move on payment."""
    return tenant_setting(tenant_id, "CHARGES")

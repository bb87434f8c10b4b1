"""The fake Meta of the local stack, without the network: what it signs, posts and refuses."""

from __future__ import annotations

import json

import httpx
import pytest

from devstack.sandbox import cora, meta
from shared.whatsapp.graph import signature, valid_signature

PNID, WABA, TOKEN, SECRET, VERIFY = "100200300400500", "200300400500600", "tok", "app-secret", "verify"
HOOK = "http://127.0.0.1:1/webhooks/whatsapp/abc"


class Posts(list):
    def __call__(self, url, raw, headers):
        self.append({"url": url, "raw": raw, "headers": headers, "json": json.loads(raw)})
        return 200


def answer_challenge(url, params):
    ok = params["hub.verify_token"] == VERIFY and params["hub.mode"] == "subscribe"
    return httpx.Response(200 if ok else 403, text=params["hub.challenge"] if ok else "")


@pytest.fixture
def fake():
    posts = Posts()
    f = meta.FakeMeta(poster=posts, status_delay=0, spawn=lambda fn: fn())
    f.posts = posts
    ok, reason = f.register({"phone_number_id": PNID, "waba_id": WABA, "access_token": TOKEN, "app_secret": SECRET,
                             "verify_token": VERIFY, "webhook_url": HOOK}, verifier=answer_challenge)
    assert ok, reason
    return f


def value_of(post):
    return post["json"]["entry"][0]["changes"][0]["value"]


def test_the_signature_matches_the_providers_vector():
    body = b'{"object":"whatsapp_business_account","entry":[]}'
    assert signature("app_secret_123", body) == \
        "sha256=02fe0c96d28c59ddb7cf81eff0ca05809b360ba73b63c28210b5906a0a107d1f"


def test_registration_needs_the_challenge_back():
    f = meta.FakeMeta(poster=Posts(), status_delay=0, spawn=lambda fn: fn())
    base = {"phone_number_id": PNID, "access_token": TOKEN, "app_secret": SECRET, "webhook_url": HOOK}
    ok, reason = f.register({**base, "verify_token": "wrong"}, verifier=answer_challenge)
    assert not ok and "403" in reason
    assert f.numbers[PNID].webhook_url is None
    ok, _ = f.register({**base, "verify_token": VERIFY},
                       verifier=lambda url, params: httpx.Response(200, text="12345"))  # not the challenge sent
    assert not ok
    ok, _ = f.register({**base, "verify_token": VERIFY}, verifier=answer_challenge)
    assert ok and f.numbers[PNID].webhook_url == HOOK


def test_statuses_are_posted_signed_in_order(fake):
    fake.simulate_inbound({"phone_number_id": PNID, "from": "5511987650001", "name": "Ana", "text": "Oi"})
    answer = fake.send(PNID, TOKEN, {"messaging_product": "whatsapp", "to": "+5511987650001", "type": "text",
                                     "text": {"body": "Olá, Ana"}})
    wamid = answer["messages"][0]["id"]
    statuses = [value_of(p)["statuses"][0] for p in fake.posts[1:]]
    assert [s["status"] for s in statuses] == ["sent", "delivered", "read"]
    assert {s["id"] for s in statuses} == {wamid}
    for post in fake.posts:
        assert post["url"] == HOOK
        assert post["headers"]["X-Hub-Signature-256"] == signature(SECRET, post["raw"])
        assert valid_signature(SECRET, post["raw"], post["headers"]["X-Hub-Signature-256"])
        assert value_of(post)["metadata"] == {"display_phone_number": "551140000500", "phone_number_id": PNID}
        assert post["json"]["entry"][0]["id"] == WABA


def test_free_text_without_an_open_window_fails_with_131047(fake):
    fake.send(PNID, TOKEN, {"messaging_product": "whatsapp", "to": "5511987650002", "type": "text",
                            "text": {"body": "Oi"}})
    (post,) = fake.posts
    (status,) = value_of(post)["statuses"]
    assert status["status"] == "failed" and status["errors"][0]["code"] == 131047


def test_unreachable_numbers_fail_with_131026(fake):
    fake.send(PNID, TOKEN, {"messaging_product": "whatsapp", "to": "5511987650999", "type": "template",
                            "template": {"name": "boas_vindas", "language": {"code": "pt_BR"}}})
    (status,) = value_of(fake.posts[0])["statuses"]
    assert status["status"] == "failed" and status["errors"][0]["code"] == 131026


def test_the_token_must_be_the_numbers_own(fake):
    assert fake.phone(PNID, TOKEN)["display_phone_number"] == "+55 11 4000-0500"
    for token in ("other", None, ""):
        with pytest.raises(meta.GraphFailure) as refused:
            fake.phone(PNID, token)
        assert (refused.value.status, refused.value.code) == (401, 190)
        body = refused.value.body()["error"]
        assert body["type"] == "OAuthException" and body["fbtrace_id"]
    with pytest.raises(meta.GraphFailure) as unknown:
        fake.phone("999", TOKEN)  # a valid token, an object it cannot see
    assert (unknown.value.status, unknown.value.code) == (400, 100)


@pytest.mark.parametrize(("body", "code"), [
    ({"to": "5511987650001", "type": "text", "text": {"body": "oi"}}, 100),  # no messaging_product
    ({"messaging_product": "whatsapp", "type": "text", "text": {"body": "oi"}}, 100),  # no recipient
    ({"messaging_product": "whatsapp", "to": "5511987650001", "type": "text", "text": {"body": "x" * 4097}}, 100),
    ({"messaging_product": "whatsapp", "to": "5511987650001", "type": "template", "template": {"name": "boas_vindas"}},
     100),
    ({"messaging_product": "whatsapp", "to": "5511987650001", "type": "carrier_pigeon"}, 100),
    ({"messaging_product": "whatsapp", "to": "5511987650001", "type": "image", "image": {}}, 100),
    ({"messaging_product": "whatsapp", "to": "5511987650001", "type": "template",
      "template": {"name": "lembrete_reuniao", "language": {"code": "pt_BR"},
                   "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}]}}, 132000),
])
def test_bodies_meta_refuses(fake, body, code):
    with pytest.raises(meta.GraphFailure) as refused:
        fake.send(PNID, TOKEN, body)
    assert refused.value.code == code
    assert fake.sent == {} and fake.posts == []


def test_templates_need_the_accounts_token(fake):
    data = fake.templates(WABA, TOKEN)["data"]
    approved = [t for t in data if t["status"] == "APPROVED"]
    assert [t["name"] for t in approved] == ["retorno_proposta", "lembrete_reuniao", "boas_vindas", "envio_documento"]
    assert all(t["language"] == "pt_BR" and t["components"][-1]["type"] == "BODY" for t in data)
    assert [t["components"][0] for t in data if len(t["components"]) > 1] == [{"type": "HEADER", "format": "DOCUMENT"}]
    assert any(t["status"] != "APPROVED" for t in data)
    with pytest.raises(meta.GraphFailure):
        fake.templates(WABA, "other")
    assert meta.template_params("Olá {{1}}, reunião em {{2}} ({{1}})") == 2


def test_inbound_simulation_shapes_and_validation(fake):
    status, body = fake.simulate_inbound({"phone_number_id": PNID, "from": "+55 (11) 98765-0003", "name": "Bia",
                                          "text": "Quero um orçamento"})
    assert status == 200 and body["delivered"] is True
    value = value_of(fake.posts[0])
    assert value["contacts"] == [{"profile": {"name": "Bia"}, "wa_id": "5511987650003"}]
    assert value["messages"][0]["text"] == {"body": "Quero um orçamento"}
    assert fake.simulate_inbound({"phone_number_id": PNID, "from": "123", "text": "x"})[0] == 400
    assert fake.simulate_inbound({"phone_number_id": PNID, "from": "5511987650003", "text": " "})[0] == 400
    assert fake.simulate_inbound({"phone_number_id": "1", "from": "5511987650003", "text": "x"})[0] == 404
    status, _ = fake.simulate_inbound({"phone_number_id": PNID, "from": "5511987650003", "type": "image",
                                       "text": "foto do produto"})
    image = value_of(fake.posts[-1])["messages"][0]
    assert status == 200 and image["type"] == "image" and image["image"]["caption"] == "foto do produto"


def test_cora_token_rules():
    assert cora.issue_token({"grant_type": "client_credentials", "client_id": "int-abc"})[0] == 200
    status, body = cora.issue_token({"grant_type": "client_credentials", "client_id": "abc"})
    assert status == 401 and body["error"] == "invalid_client"
    assert cora.issue_token({"grant_type": "password", "client_id": "int-abc"})[0] == 400

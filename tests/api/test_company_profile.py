"""Dados da empresa: what proposals, contracts and receipts print about the company, and its logo."""

from __future__ import annotations

import io

import pytest

from shared.company.service import demo_logo_png
from tests.support.http import auth_headers

PROFILE = {
    "legal_name": "Impacte Demo Marketing Digital Ltda", "trade_name": "Impacte Demo", "cnpj": "11.222.333/0001-81",
    "state_registration": "123.456.789.110",
    "address": {"cep": "01310-100", "street": "Avenida Paulista", "number": "1000", "complement": "Conjunto 101",
                "district": "Bela Vista", "city": "São Paulo", "state": "sp"},
    "phone": "(11) 3456-7890", "email": "Contato@ImpacteDemo.com.br", "website": "www.impactedemo.com.br",
    "signature_city": "São Paulo",
}


def jpeg_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


def upload(api, headers, raw: bytes, name="logo.png", content_type="image/png"):
    return api.put("/api/company/profile/logo", headers=headers, files={"file": (name, raw, content_type)})


def test_empty_profile_then_saved_with_normalized_fields(api, world, admin):
    empty = api.get("/api/company/profile", headers=admin).json()
    assert empty["configured"] is False and empty["company_name"] == "Impacte Demo"
    assert empty["legal_name"] is None and empty["has_logo"] is False and empty["address_line"] == ""
    resp = api.put("/api/company/profile", headers=admin, json=PROFILE)
    assert resp.status_code == 200, resp.text
    saved = resp.json()
    assert saved["configured"] is True
    assert saved["cnpj"] == "11.222.333/0001-81"  # shown masked (stored as digits)
    assert saved["phone"] == "+551134567890" and saved["phone_display"] == "(11) 3456-7890"
    assert saved["email"] == "contato@impactedemo.com.br"
    assert saved["address"]["cep"] == "01310100" and saved["address"]["state"] == "SP"
    assert saved["address_line"] == ("Avenida Paulista, 1000, Conjunto 101 - Bela Vista, São Paulo/SP, "
                                     "CEP 01310-100")
    assert api.get("/api/company/profile", headers=admin).json() == saved
    # a PUT replaces the form: what is left out is cleared
    again = api.put("/api/company/profile", headers=admin, json={"legal_name": "Impacte Demo Ltda",
                                                                 "cnpj": "11222333000181"}).json()
    assert again["trade_name"] is None and again["address"] is None and again["cnpj"] == "11.222.333/0001-81"


def test_every_company_user_reads_it_only_the_administrator_writes(api, world, admin):
    api.put("/api/company/profile", headers=admin, json=PROFILE)
    for role in ("gerente", "financeiro", "vendedor", "atendente", "suporte"):
        headers = auth_headers(api, world.a.emails[role])
        assert api.get("/api/company/profile", headers=headers).json()["legal_name"] == PROFILE["legal_name"]
        resp = api.put("/api/company/profile", headers=headers, json=PROFILE)
        assert resp.status_code == 403 and "dados da empresa" in resp.json()["detail"], role
        assert upload(api, headers, demo_logo_png()).status_code == 403
        assert api.delete("/api/company/profile/logo", headers=headers).status_code == 403
    master = auth_headers(api, world.master_email)
    assert api.get("/api/company/profile", headers=master).status_code == 403


def test_alphanumeric_cnpj_of_2026_is_accepted(api, world, admin):
    resp = api.put("/api/company/profile", headers=admin, json={**PROFILE, "cnpj": "12.abc.345/01de-35"})
    assert resp.status_code == 200 and resp.json()["cnpj"] == "12.ABC.345/01DE-35"


@pytest.mark.parametrize(("change", "field"), [
    ({"cnpj": "11.222.333/0001-82"}, "cnpj"),
    ({"cnpj": "123"}, "cnpj"),
    ({"cnpj": ""}, "cnpj"),
    ({"legal_name": "  "}, "legal_name"),
    ({"phone": "123"}, "phone"),
    ({"email": "contato@"}, "email"),
    ({"website": "não tenho"}, "website"),
    ({"address": {"cep": "123"}}, "address.cep"),
    ({"address": {"state": "XX"}}, "address.state"),
    ({"address": {"rua": "X"}}, "address.rua"),
    ({"state_registration": "---"}, "state_registration"),
    ({"logo": "x"}, "logo"),
])
def test_bad_profile_is_422_naming_the_field(api, world, admin, change, field):
    resp = api.put("/api/company/profile", headers=admin, json={**PROFILE, **change})
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field and resp.json()["detail"]


def test_missing_required_fields_are_named(api, world, admin):
    resp = api.put("/api/company/profile", headers=admin, json={"trade_name": "Só o nome"})
    assert resp.status_code == 422
    assert {e["field"] for e in resp.json()["errors"]} == {"legal_name", "cnpj"}


def test_logo_upload_read_replace_and_delete(api, world, admin):
    from shared.aws import client
    from shared.settings import get_settings

    api.put("/api/company/profile", headers=admin, json=PROFILE)
    png = demo_logo_png()
    resp = upload(api, admin, png, content_type="application/octet-stream")  # the bytes decide, not the header
    assert resp.status_code == 200, resp.text
    assert resp.json()["has_logo"] is True and resp.json()["logo_content_type"] == "image/png"
    assert resp.json()["legal_name"] == PROFILE["legal_name"]  # the form is kept
    seller = auth_headers(api, world.a.emails["vendedor"])
    got = api.get("/api/company/profile/logo", headers=seller)
    assert got.status_code == 200 and got.content == png and got.headers["content-type"] == "image/png"
    # the profile form does not drop the logo
    assert api.put("/api/company/profile", headers=admin, json=PROFILE).json()["has_logo"] is True
    bucket = get_settings().documents_bucket
    assert client("s3").head_object(Bucket=bucket, Key=f"tenants/{world.a.tenant_id}/branding/logo.png")
    # a JPEG replaces it (and the PNG object goes)
    jpeg = jpeg_bytes()
    assert upload(api, admin, jpeg, "logo.jpg", "image/jpeg").json()["logo_content_type"] == "image/jpeg"
    got = api.get("/api/company/profile/logo", headers=admin)
    assert got.content == jpeg and got.headers["content-type"] == "image/jpeg"
    keys = [o["Key"] for o in client("s3").list_objects_v2(Bucket=bucket, Prefix="tenants/")["Contents"]]
    assert keys == [f"tenants/{world.a.tenant_id}/branding/logo.jpg"]
    # delete
    assert api.delete("/api/company/profile/logo", headers=admin).status_code == 204
    assert api.get("/api/company/profile", headers=admin).json()["has_logo"] is False
    missing = api.get("/api/company/profile/logo", headers=admin)
    assert missing.status_code == 404 and "logo" in missing.json()["detail"]
    assert "Contents" not in client("s3").list_objects_v2(Bucket=bucket, Prefix="tenants/")
    assert api.delete("/api/company/profile/logo", headers=admin).status_code == 204  # nothing to delete


def test_logo_before_the_form_is_kept_when_the_form_is_saved(api, world, admin):
    assert upload(api, admin, demo_logo_png()).json()["configured"] is False
    assert api.put("/api/company/profile", headers=admin, json=PROFILE).json()["has_logo"] is True


@pytest.mark.parametrize(("raw", "words"), [
    (b"", "Envie"),
    (b"GIF89a" + b"\x00" * 100, "PNG ou JPEG"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG ou JPEG"),
    (b"%PDF-1.7\n", "PNG ou JPEG"),
    (b"\x89PNG\r\n\x1a\n" + b"lixo" * 50, "corrompido"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "corrompido"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * (500 * 1024), "500 KB"),
])
def test_bad_logos_are_422_in_portuguese(api, world, admin, raw, words):
    resp = upload(api, admin, raw)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == "file" and words in resp.json()["detail"]
    assert api.get("/api/company/profile", headers=admin).json()["has_logo"] is False


def test_a_png_with_a_broken_chunk_is_refused(api, world, admin):
    png = bytearray(demo_logo_png())
    png[40] ^= 0xFF  # inside the image data: the chunk's CRC no longer matches
    resp = upload(api, admin, bytes(png))
    assert resp.status_code == 422 and "corrompido" in resp.json()["detail"]


def test_upload_without_a_file_is_422(api, world, admin):
    resp = api.put("/api/company/profile/logo", headers=admin)
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "file"
    resp = api.put("/api/company/profile/logo", headers=admin, json={"file": "x"})
    assert resp.status_code == 422


def test_companies_see_only_their_own_profile_and_logo(api, world, admin):
    api.put("/api/company/profile", headers=admin, json=PROFILE)
    upload(api, admin, demo_logo_png())
    other = auth_headers(api, world.b.emails["administrador"])
    theirs = api.get("/api/company/profile", headers=other).json()
    assert theirs["configured"] is False and theirs["company_name"] == "Outra Empresa Ltda"
    assert PROFILE["legal_name"] not in str(theirs)
    assert api.get("/api/company/profile/logo", headers=other).status_code == 404
    assert api.delete("/api/company/profile/logo", headers=other).status_code == 204
    assert api.get("/api/company/profile/logo", headers=admin).status_code == 200


def test_company_info_for_documents_and_the_demo_seed(api, world, admin):
    from shared.company.service import company_info, seed_demo

    blank = company_info(world.b.tenant_id)
    assert blank.name == "Outra Empresa Ltda" and blank.legal_name == "Outra Empresa Ltda"
    assert blank.cnpj is None and blank.logo is None and blank.configured is False and blank.address_line == ""
    api.put("/api/company/profile", headers=admin, json={**PROFILE, "signature_city": None})
    upload(api, admin, demo_logo_png())
    info = company_info(world.a.tenant_id)
    assert info.name == "Impacte Demo" and info.legal_name == PROFILE["legal_name"]
    assert info.cnpj == "11222333000181" and info.cnpj_display == "11.222.333/0001-81"
    assert info.city == "São Paulo"  # no signature city: the address's
    assert info.phone == "+551134567890" and info.phone_display == "(11) 3456-7890"
    assert info.logo == demo_logo_png() and info.logo_content_type == "image/png"
    assert company_info(world.a.tenant_id, with_logo=False).logo is None
    # the seed leaves a saved profile alone, and fills an empty one
    seed_demo(world.a.tenant_id)
    assert company_info(world.a.tenant_id).cnpj == "11222333000181"
    seed_demo(world.b.tenant_id)
    seed_demo(world.b.tenant_id)
    seeded = company_info(world.b.tenant_id)
    assert seeded.configured and seeded.logo and seeded.city == "São Paulo"

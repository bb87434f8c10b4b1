from shared.http.errors import validation_payload


def test_missing_field_is_named_in_portuguese():
    payload = validation_payload([{"type": "missing", "loc": ("body", "email"), "msg": "Field required"}])
    assert payload["detail"] == "E-mail: campo obrigatório."
    assert payload["errors"] == [{"field": "email", "message": "campo obrigatório"}]


def test_value_errors_keep_our_message():
    payload = validation_payload([{"type": "value_error", "loc": ("body", "role"),
                                   "msg": "Value error, papel inválido"}])
    assert payload["detail"] == "Papel: papel inválido."


def test_length_and_range_messages():
    short = validation_payload([{"type": "string_too_short", "loc": ("body", "name"), "ctx": {"min_length": 2}}])
    assert short["detail"] == "Nome: deve ter pelo menos 2 caractere(s)."
    low = validation_payload([{"type": "greater_than_equal", "loc": ("query", "limit"), "ctx": {"ge": 1}}])
    assert low["detail"] == "Limite: deve ser maior ou igual a 1."


def test_malformed_json_body():
    payload = validation_payload([{"type": "json_invalid", "loc": ("body", 1), "msg": "JSON decode error"}])
    assert payload["detail"]
    assert "JSON" in payload["errors"][0]["message"]

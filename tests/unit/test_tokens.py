import pytest

from shared.auth.tokens import new_refresh_token, parse_refresh_token, same_hash
from shared.errors import Unauthorized
from shared.ids import new_id

ULID_A, ULID_B = "01ARZ3NDEKTSV4RRFFQ69G5FAV", "01BX5ZZKBKACTAV9WEVGEMMVRZ"  # fixed: stable test ids

def test_refresh_token_round_trip_for_company_and_master_users():
    for tenant in (new_id(), None):
        token = new_refresh_token(tenant, new_id(), new_id(), 3)
        parsed = parse_refresh_token(str(token))
        assert parsed == token
        assert same_hash(parsed.secret_hash, token.secret_hash)


@pytest.mark.parametrize("raw", ["", "v1", "v2.P.a.b.0.secret", "v1.P.notulid.notulid.0.secretsecretsecretsecret",
                                 f"v1.P.{ULID_A}.{ULID_B}.x.secretsecretsecretsecret",
                                 f"v1.P.{ULID_A}.{ULID_B}.0.short"])
def test_malformed_refresh_tokens_are_401(raw):
    with pytest.raises(Unauthorized):
        parse_refresh_token(raw)

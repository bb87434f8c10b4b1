"""Cora status mapping and the monotonic advance()."""

import pytest

from shared.charges import cora_status as cs

CORA_DOCUMENTED = ["CANCELLED", "DRAFT", "IN_PAYMENT", "INITIATED", "LATE", "OPEN", "PAID", "RECURRENCE_DRAFT"]
OURS = ["pendente", "emitida", "paga", "vencida", "cancelada", "erro"]


def test_every_documented_cora_status_is_mapped():
    assert set(cs.CORA_TO_STATUS) == set(CORA_DOCUMENTED)
    assert set(cs.CORA_TO_STATUS.values()) <= set(OURS)
    assert set(cs.RANK) == set(OURS)


@pytest.mark.parametrize(("cora", "ours"), [
    ("OPEN", "emitida"), ("LATE", "vencida"), ("PAID", "paga"), ("CANCELLED", "cancelada"),
    ("DRAFT", "pendente"), ("IN_PAYMENT", "emitida"), ("paid", "paga"),
])
def test_from_cora(cora, ours):
    assert cs.from_cora(cora) == ours


@pytest.mark.parametrize("bad", ["REFUNDED", "", None, "paga"])
def test_unknown_cora_status(bad):
    with pytest.raises(cs.UnknownStatus) as exc:
        cs.from_cora(bad)
    assert isinstance(exc.value, ValueError)
    assert "desconhecida" in exc.value.detail


def test_paid_stays_paid_when_an_older_open_arrives():
    assert cs.advance("paga", "OPEN") == "paga"
    assert cs.advance("paga", "LATE") == "paga"
    assert cs.advance("paga", "emitida") == "paga"


def test_cancelled_is_final():
    for incoming in [*CORA_DOCUMENTED, *OURS]:
        assert cs.advance("cancelada", incoming) == "cancelada"


def test_paid_is_not_replaced_by_cancelled():
    assert cs.advance("paga", "CANCELLED") == "paga"


def test_forward_moves():
    assert cs.advance("pendente", "OPEN") == "emitida"
    assert cs.advance("emitida", "LATE") == "vencida"
    assert cs.advance("vencida", "PAID") == "paga"
    assert cs.advance("emitida", "CANCELLED") == "cancelada"
    assert cs.advance("vencida", "cancelada") == "cancelada"
    assert cs.advance("pendente", "erro") == "erro"
    assert cs.advance("erro", "OPEN") == "emitida"
    assert cs.advance(None, "DRAFT") == "pendente"


def test_backward_moves_are_ignored():
    assert cs.advance("vencida", "OPEN") == "vencida"
    assert cs.advance("vencida", "IN_PAYMENT") == "vencida"
    assert cs.advance("emitida", "DRAFT") == "emitida"
    assert cs.advance("emitida", "erro") == "emitida"
    assert cs.advance("erro", "pendente") == "erro"


def test_advance_never_lowers_rank():
    for current in OURS:
        for incoming in [*CORA_DOCUMENTED, *OURS]:
            result = cs.advance(current, incoming)
            assert cs.RANK[result] >= cs.RANK[current]
            assert result in (current, cs.from_cora(incoming) if incoming.isupper() else incoming)


def test_advance_unknown_incoming():
    with pytest.raises(cs.UnknownStatus):
        cs.advance("emitida", "SOMETHING")

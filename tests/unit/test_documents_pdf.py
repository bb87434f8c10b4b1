"""Documents as PDF: the default proposal printed with fpdf2 and read back with pypdf."""

import io
import re
import struct
import zlib
from datetime import date

import pytest
from pypdf import PdfReader

from shared.documents.content import Installment, LineItem, SellerInfo
from shared.documents.context import build_context, document_number, sample_company
from shared.documents.pdf import build_pdf, check_html
from shared.documents.render import default_template, render
from shared.errors import ValidationFailed
from tests.unit.test_documents_render import make_client, make_company_client


def png(width: int = 24, height: int = 12) -> bytes:
    """A small RGB PNG (a blue band over white), written by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + (b"\x1f\x4e\x79" if y < height // 2 else b"\xff\xff\xff") * width
                    for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def proposal(items, *, client=None, logo=None, kind="proposta"):
    company = sample_company().model_copy(update={"logo": logo, "logo_content_type": "image/png" if logo else None})
    number = document_number(kind, 2026, 42)
    ctx = build_context(kind=kind, number=number, company=company, client=client or make_client(),
                        seller=SellerInfo(name="Rafael Costa"), items=items,
                        installments=[Installment(number=1, due_date=date(2027, 1, 10), amount_cents=1000)],
                        valid_until=date(2026, 12, 20), notes=None, today=date(2026, 12, 1))
    html = render(default_template(kind), ctx)
    return build_pdf(html, company=company, title=ctx["documento"]["tipo"], number=number), ctx


def pages_text(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").replace("\xa0", " ").split()) for page in reader.pages]


def test_short_proposal_has_the_client_items_total_and_page_numbers():
    items = [LineItem(description="Gestão de tráfego pago", quantity=1, unit_price_cents=150000),
             LineItem(description="Produção de vídeos curtos", quantity=4, unit_price_cents=30000,
                      discount_cents=10000)]
    pdf, ctx = proposal(items)
    assert pdf.startswith(b"%PDF-")
    pages = pages_text(pdf)
    text = " ".join(pages)
    assert "João da Silva Araújo" in text
    assert "529.982.247-25" in text
    for item in items:
        assert item.description in text
    assert ctx["totais"]["total"] == "R$ 2.600,00"
    assert "R$ 2.600,00" in text  # the total
    assert "4 R$ 300,00 R$ 100,00 R$ 1.100,00" in text  # the second line: 4 × R$ 300,00 less R$ 100,00
    assert "Proposta comercial nº PROP-2026-0042" in text  # accents, ç and º survive the font
    total = len(pages)
    assert all(f"Página {n} de {total}" in page for n, page in enumerate(pages, start=1))
    assert "Exemplo Marketing" in pages[0] and "CNPJ 27.182.818/0001-29" in pages[0]


def test_long_proposal_breaks_into_pages_with_header_and_footer_on_each():
    items = [LineItem(description=f"Item de serviço número {n:02d} com descrição detalhada", quantity=n % 3 + 1,
                      unit_price_cents=10000 + n * 137) for n in range(1, 61)]
    pdf, ctx = proposal(items, client=make_company_client())
    pages = pages_text(pdf)
    assert len(pages) >= 3
    text = " ".join(pages)
    for item in items:
        assert item.description in text
    assert ctx["totais"]["total"] in text
    assert "12.ABC.345/01DE-35" in text and "Pão Quente Alimentos Ltda" in text
    for n, page in enumerate(pages, start=1):
        assert f"Página {n} de {len(pages)}" in page
        assert "PROP-2026-0042" in page and "Exemplo Marketing" in page  # header and footer on every page
    assert sum(page.count("Descrição") for page in pages) >= 2  # the items' heading row repeats after a break


def test_a_logo_is_drawn_on_every_page_and_a_broken_logo_is_skipped():
    items = [LineItem(description=f"Linha {n}", quantity=1, unit_price_cents=100) for n in range(40)]
    pdf, _ = proposal(items, logo=png())
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    assert all(len(page.images) == 1 for page in reader.pages)
    broken, _ = proposal(items[:2], logo=b"\x89PNG\r\n\x1a\n" + b"not really a png")
    assert "Linha 1" in " ".join(pages_text(broken))


@pytest.mark.parametrize("kind", ["contrato", "pedido", "recibo"])
def test_other_kinds_print_too(kind):
    pdf, ctx = proposal([LineItem(description="Consultoria", quantity=1, unit_price_cents=123456)], kind=kind)
    text = " ".join(pages_text(pdf))
    assert ctx["documento"]["numero"] in text and "R$ 1.234,56" in text
    if kind != "pedido":
        assert "mil duzentos e trinta e quatro reais e cinquenta e seis centavos" in text
    assert re.search(r"Página 1 de \d", text)


def test_check_html_names_the_problem():
    check_html("<h1>Título</h1><p align='right'>ok<br></p><table><tr><th>a</th></tr></table>")
    with pytest.raises(ValidationFailed) as caught:
        check_html("<p>ok</p>\n<iframe src='x'></iframe>", field="template")
    assert caught.value.field == "template"
    assert "a marcação <iframe> (linha 2 do HTML gerado)" in caught.value.detail
    with pytest.raises(ValidationFailed, match="atributo onclick"):
        check_html('<p onclick="x">a</p>')

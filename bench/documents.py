"""Generating a 3-page proposal: the time of the render and PDF steps (warm, median of runs, and the
first run in this process), and the size of what the documents function deploys."""

from __future__ import annotations

import io
import statistics
import time
import zipfile
from importlib import metadata
from pathlib import Path

from devstack.template import ROOT

RUNS = 5
ITEMS = 35  # fills three A4 pages with the default proposal template


def _proposal_context():
    from datetime import date

    from shared.documents import context as ctx
    from shared.documents.content import Installment, LineItem

    sample = ctx.sample_context("proposta")
    items = [LineItem(description=f"Serviço {n:02d}: gestão de campanha e relatórios mensais", quantity=1 + n % 4,
                      unit_price_cents=15_000 + 1_000 * n, discount_cents=500 if n % 5 == 0 else 0)
             for n in range(1, ITEMS + 1)]
    total = sum(i.total_cents for i in items)
    installments = [Installment(number=n, due_date=date(2027, n, 10),
                                amount_cents=total // 3 + (total % 3 if n == 1 else 0)) for n in (1, 2, 3)]
    from shared.clients.models import ClientRecord

    client = ClientRecord(id="c1", tenant_id="exemplo", card_id="k1", type="pf", first_name="Mariana",
                          last_name="Souza Lima", document="52998224725", origin="indicacao", stage="em_atendimento",
                          stage_entered_at="2026-01-01T00:00:00+00:00", last_activity_at="2026-01-01T00:00:00+00:00",
                          created_at="2026-01-01T00:00:00+00:00", updated_at="2026-01-01T00:00:00+00:00")
    return ctx.build_context(kind="proposta", number="PROP-2026-0042", company=ctx.sample_company(), client=client,
                             seller=None, items=items, installments=installments, valid_until=date(2027, 1, 31),
                             notes=sample["documento"]["observacoes"], today=date(2026, 12, 1))


def _zip_size(folders: list[Path]) -> int:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder in folders:
            for path in folder.rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts:
                    archive.write(path, path.relative_to(folder.parent))
    return len(buffer.getvalue())


def _dependencies_size() -> int:
    """Installed size of the dependency layer's packages and what they require."""
    from packaging.requirements import Requirement

    wanted = [Requirement(line).name for line in
              (ROOT / "layers" / "dependencies" / "requirements.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    seen: set[str] = set()
    total = 0
    while wanted:
        name = wanted.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        total += sum((f.size or 0) for f in dist.files or [])
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                wanted.append(requirement.name)
    return total


def report() -> None:
    from shared.documents import render
    from shared.documents.context import sample_company
    from shared.documents.pdf import build_pdf

    template = render.default_template("proposta")
    context = _proposal_context()
    company = sample_company()
    render_times, pdf_times, pages = [], [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        html = render.render(template, context)
        middle = time.perf_counter()
        pdf = build_pdf(html, company=company, title="Proposta comercial", number="PROP-2026-0042")
        end = time.perf_counter()
        render_times.append(middle - start)
        pdf_times.append(end - middle)
        pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
    function = _zip_size([ROOT / "functions" / "documents" / "documents_api"])
    shared = _zip_size([ROOT / "shared"])
    print(f"\nDocument generation: a {ITEMS}-item proposal ({pages} pages), {RUNS} runs in this process")
    print(f"  render step   first {render_times[0] * 1000:>6.0f} ms   median {statistics.median(render_times) * 1000:>6.0f} ms")
    print(f"  PDF step      first {pdf_times[0] * 1000:>6.0f} ms   median {statistics.median(pdf_times) * 1000:>6.0f} ms")
    print(f"  Lambda package of DocumentsFunction: code {function / 1024:.0f} KiB zip + SharedLayer "
          f"{shared / 1024:.0f} KiB zip (fonts included) + DependenciesLayer ~{_dependencies_size() / 1024 / 1024:.0f} "
          f"MiB installed (limit 250 MiB unzipped)")


if __name__ == "__main__":
    report()

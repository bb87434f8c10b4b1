"""The document's PDF (fpdf2): A4, the company's logo, name and CNPJ atop every page, "Página X de Y"
and the document number at the foot, the rendered template in between (fpdf2's `write_html`).

Text is set in DejaVu Sans, bundled in ./fonts (fpdf2 has no Unicode font; Lambda has no system
fonts), so accents, ç, º and "R$" print as typed. The HTML is checked first against the subset
`write_html` understands: anything else (images, scripts, styles, other fonts) is refused in pt-BR.
"""

from __future__ import annotations

import io
import logging
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from shared.br.documents import mask_cnpj
from shared.br.phones import format_phone
from shared.company.models import one_line_address
from shared.documents.content import CompanyInfo
from shared.errors import ValidationFailed

log = logging.getLogger(__name__)

FONT = "dejavu"
_FONT_DIR = Path(__file__).parent / "fonts"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
               "BI": "DejaVuSans-BoldOblique.ttf"}

ALLOWED_TAGS = ("h1", "h2", "h3", "h4", "p", "br", "hr", "b", "strong", "i", "em", "u", "s", "del", "sup", "sub",
                "font", "center", "blockquote", "div", "span", "a", "ul", "ol", "li", "dl", "dt", "dd",
                "table", "thead", "tbody", "tr", "th", "td")
ALLOWED_ATTRIBUTES = ("align", "width", "bgcolor", "color", "size", "border", "cellpadding", "cellspacing",
                      "colspan", "rowspan", "style", "type", "start", "href", "line-height")

_MONEY_SPACE = re.compile(r"R\$ (?=-?\s?\d)")

MARGIN = 18  # mm, left and right
_HEADER_BOTTOM = 33  # mm: where the body starts on every page
_INK, _MUTED, _RULE, _ACCENT = (33, 37, 41), (96, 104, 112), (190, 197, 204), (24, 66, 107)


class _TagCheck(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problem: str | None = None

    def handle_starttag(self, tag, attrs):
        if self.problem:
            return
        line = self.getpos()[0]
        if tag not in ALLOWED_TAGS:
            self.problem = (f"a marcação <{tag}> (linha {line} do HTML gerado) não é aceita no PDF. "
                            f"Use: {', '.join(ALLOWED_TAGS)}")
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.problem = f"o atributo {name} em <{tag}> (linha {line} do HTML gerado) não é aceito no PDF"
            elif name == "href" and not (value or "").lower().startswith(("https://", "http://", "mailto:")):
                self.problem = (f"o link em <a> (linha {line} do HTML gerado) deve começar com https://, "
                                "http:// ou mailto:")
            if self.problem:
                return


def check_html(html: str, *, field: str = "body") -> None:
    """Refuses HTML outside the subset the PDF prints (no images: nothing is ever fetched)."""
    checker = _TagCheck()
    checker.feed(html)
    checker.close()
    if checker.problem:
        raise ValidationFailed(f"O modelo não pode virar PDF: {checker.problem}.", field=field)


@cache
def _tag_styles():
    from fpdf.fonts import TextStyle

    def heading(size: float, top: float) -> TextStyle:
        return TextStyle(font_family=FONT, font_style="B", font_size_pt=size, color=_ACCENT, t_margin=top,
                         b_margin=0.25)  # fpdf2 multiplies a heading's b_margin by its height

    return {"h1": heading(16, 2), "h2": heading(12.5, 5), "h3": heading(11, 4), "h4": heading(10, 3),
            "p": TextStyle(font_family=FONT, t_margin=1.2, b_margin=1.2),
            "li": TextStyle(font_family=FONT, l_margin=6, t_margin=1),
            "blockquote": TextStyle(font_family=FONT, color=_MUTED, l_margin=8, t_margin=2, b_margin=2)}


@cache
def _pdf_class():
    """The FPDF subclass, built on first use (fpdf2 is imported only when a PDF is made)."""
    from fpdf import FPDF
    from fpdf.html import HTML2FPDF

    class Html(HTML2FPDF):
        """write_html with three fixes for tables: cells align left unless told (fpdf2 justifies
        them); a table starts in the surrounding font (not in whatever the previous paragraph ended
        with); the space around a table is made at once (fpdf2 defers it to the next paragraph)."""

        at_table = False

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.pdf.set_font(self.font_family, self.font_emphasis.style, self.font_size_pt)
                self.pdf.set_text_color(*_INK)
            self.at_table = tag == "table"
            super().handle_starttag(tag, attrs)
            self.at_table = False
            if tag == "table" and self.table is not None:
                self.table._text_align = "LEFT"

        def handle_endtag(self, tag):
            self.at_table = tag == "table"
            super().handle_endtag(tag)
            self.at_table = False

        def _ln(self, h=None):
            if self.at_table and self._paragraph is None:
                self.pdf.ln(2.5 if h is None else h)
            else:
                super()._ln(h)

    class DocumentPdf(FPDF):
        HTML2FPDF_CLASS = Html

        def __init__(self, company: CompanyInfo, title: str, number: str):
            super().__init__(orientation="P", unit="mm", format="A4")
            self.company, self.doc_title, self.number = company, title, number
            for style, file in _FONT_FILES.items():
                self.add_font(FONT, style, str(_FONT_DIR / file))
            self.set_margins(MARGIN, _HEADER_BOTTOM, MARGIN)
            self.set_auto_page_break(True, margin=20)
            self.set_title(f"{title} {number}")
            self.set_author(company.legal_name or company.name)
            self.set_creator("Impacte+ Marketing")
            self.set_lang("pt-BR")

        def header(self):
            left = self.l_margin
            if self.company.logo:
                left += self._logo()
            right_width = 50
            width = self.w - self.r_margin - left - right_width - 4
            cnpj = mask_cnpj(self.company.cnpj) if self.company.cnpj else ""
            legal = self.company.legal_name if self.company.legal_name != self.company.name else ""
            contacts = (format_phone(self.company.phone), self.company.email, self.company.website)
            self._line(left, 8, width, self.company.name, 12, "B", _INK)
            self._line(left, 14, width, " · ".join(p for p in (legal, cnpj and f"CNPJ {cnpj}") if p), 8, "", _MUTED)
            self._line(left, 18, width, one_line_address(self.company.address), 7.5, "", _MUTED)
            self._line(left, 22, width, " · ".join(p for p in contacts if p), 7.5, "", _MUTED)
            x = self.w - self.r_margin - right_width
            self._line(x, 8, right_width, self.doc_title, 11, "B", _ACCENT, align="R")
            self._line(x, 14, right_width, self.number, 9, "", _INK, align="R")
            self.set_draw_color(*_RULE)
            self.set_line_width(0.3)
            self.line(self.l_margin, 28.5, self.w - self.r_margin, 28.5)
            self.set_draw_color(0)
            self.set_line_width(0.2)
            self.set_text_color(*_INK)
            self.set_font(FONT, "", 10)
            self.set_y(_HEADER_BOTTOM)

        def footer(self):
            self.set_y(-14)
            self.set_draw_color(*_RULE)
            self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
            self.set_draw_color(0)
            self.set_font(FONT, "", 8)
            self.set_text_color(*_MUTED)
            self.set_y(-12)
            self.cell(0, 5, f"{self.doc_title} {self.number}", align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"Página {self.page_no()} de {{nb}}", align="R")
            self.set_text_color(*_INK)

        def _logo(self) -> float:
            """Draws the logo 18 mm high (at most 38 mm wide), returns the width it took (0 if unreadable)."""
            from PIL import Image  # Pillow comes with fpdf2

            try:
                with Image.open(io.BytesIO(self.company.logo)) as image:
                    width, height = image.size
                size = {"w": 38} if width * 18 > height * 38 else {"h": 18}
                info = self.image(io.BytesIO(self.company.logo), x=self.l_margin, y=8, **size)
            except Exception:  # a logo that fails to decode must not stop the document
                log.warning("documents: company logo could not be drawn", exc_info=True)
                return 0
            return float(info.rendered_width) + 4

        def _line(self, x, y, width, text, size, style, color, align="L"):
            """One header line, shrunk (down to 7 pt) and then cut with … to fit `width`."""
            if not text:
                return
            self.set_font(FONT, style, size)
            while self.get_string_width(text) > width and size > 7:
                size -= 0.5
                self.set_font(FONT, style, size)
            while self.get_string_width(text) > width and len(text) > 1:
                text = text[:-2].rstrip() + "…"
            self.set_text_color(*color)
            self.set_xy(x, y)
            self.cell(width, 5, text, align=align)

    return DocumentPdf


def build_pdf(html: str, *, company: CompanyInfo, title: str, number: str, field: str = "body") -> bytes:
    """The PDF of a rendered document (`render.render`). Errors in the HTML become pt-BR
    `ValidationFailed` on `field`."""
    from fpdf.errors import FPDFException

    check_html(html, field=field)
    html = _MONEY_SPACE.sub("R$\u00a0", html)  # "R$" never ends a line apart from its number
    pdf = _pdf_class()(company, title, number)
    pdf.add_page()
    try:
        pdf.write_html(html, font_family=FONT, tag_styles=_tag_styles(), li_prefix_color=_MUTED,
                       table_line_separators=True, image_map=_no_images, warn_on_tags_not_matching=False)
    except (FPDFException, NotImplementedError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValidationFailed(f"O modelo não pode virar PDF: {_reason(exc)}.", field=field) from None
    return bytes(pdf.output())


def _no_images(src: str) -> str:
    raise ValueError("images are not allowed")  # check_html refuses <img> before this is reached


def _reason(exc: Exception) -> str:
    message = str(exc)
    if "nested HTML tags inside" in message:
        return ("dentro de uma célula de tabela (<td>, <th>) escreva só texto, com no máximo um <b>, <i> ou <u> "
                "envolvendo todo o conteúdo")
    if "outside any" in message:
        return "<tr> deve ficar dentro de <table>, e <td>/<th> dentro de <tr>"
    if "color" in message.lower():
        return "há uma cor inválida (use, por exemplo, #1F4E79)"
    if "horizontal space" in message:
        return "uma coluna de tabela ficou estreita demais para o texto"
    return "confira as marcações HTML (tabelas, listas e atributos)"

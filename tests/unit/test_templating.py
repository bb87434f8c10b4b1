"""shared/templating: the sandboxed renderer of company-written templates (messages and documents)."""

import pytest
from markupsafe import Markup

from shared import templating
from shared.errors import ValidationFailed
from shared.schedules import render as schedule_render

VARIABLES = {
    "cliente": {"nome": "Ana Souza", "documento": "529.982.247-25"},
    "itens": [{"nome": "Consultoria", "total": "R$ 100,00"}],
    "hoje": "01/12/2026",
}


def render(source, *, html=False, field="body", variables=VARIABLES):
    return templating.render(source, variables, field=field, html=html, wording=templating.DOCUMENT)


def refused(source, **kwargs) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        render(source, **kwargs)
    return caught.value


def test_renders_nested_values_and_loops():
    out = render("{{ cliente.nome }}: {% for i in itens %}{{ i.nome }} {{ i.total }}{% endfor %}")
    assert out == "Ana Souza: Consultoria R$ 100,00"


def test_unknown_top_level_variable_lists_the_allowed_ones():
    error = refused("Olá\n{{ apelido }}", field="template")
    assert error.field == "template"
    assert "Variável desconhecida no modelo: apelido (linha 2)" in error.detail
    assert "{{ cliente }}, {{ itens }}, {{ hoje }}" in error.detail


def test_unknown_field_names_its_parent_and_the_fields_it_has():
    error = refused("{{ cliente.nomee }}")
    assert "cliente.nomee" in error.detail
    assert "{{ cliente.nome }}, {{ cliente.documento }}" in error.detail


def test_unknown_field_of_a_list_item_lists_the_item_fields():
    error = refused("{% for item in itens %}\n{{ item.preco }}{% endfor %}")
    assert "preco (linha 2), em um item de itens" in error.detail
    assert "nome, total" in error.detail


@pytest.mark.parametrize(("source", "line"), [
    ("a\nb\n{{ cliente.nome ", 3),
    ("texto\n{% if hoje %}\nsem fim", 2),  # an unclosed block: the line that opened it
    ("linha 1\n{% unknown_tag %}", 2),
    ("{{ hoje | nao_existe }}", 1),
])
def test_syntax_errors_name_the_line(source, line):
    error = refused(source)
    assert f"erro de sintaxe na linha {line}" in error.detail
    assert error.field == "body"


def test_syntax_hints_in_portuguese():
    assert "o bloco {% if %} aberto nesta linha não foi fechado com {% endif %}" in refused("{% if hoje %}x").detail
    assert "filtro desconhecido: nao_existe" in refused("{{ hoje|nao_existe }}").detail


@pytest.mark.parametrize("payload", [
    "{{ cliente.__class__.__mro__ }}",
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ ''|attr('__class__') }}",
    "{{ '{0.__class__}'.format(cliente) }}",
    "{{ self._TemplateReference__context }}",
    "{{ namespace.__init__ }}",
])
@pytest.mark.parametrize("html", [False, True])
def test_sandbox_escapes_are_refused_and_nothing_is_rendered(payload, html):
    error = refused("antes " + payload, html=html)
    assert "usa um recurso não permitido" in error.detail
    assert "não podem ser usados" in error.detail  # names starting with _ are refused
    assert "antes" not in error.detail


@pytest.mark.parametrize("payload", [
    "{{ 'a' * 1000000000 }}",
    "{{ [0] * 1000000000 }}",
    "{{ 2 ** 64 ** 64 ** 64 }}",
    "{{ 'x'|center(1000000000) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ '{:>999999999}'.format('a') }}",
    "{{ range(100000)|join('a' * 1000) }}",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
])
def test_templates_cannot_build_huge_texts(payload):
    assert "recurso não permitido" in refused(payload).detail


def test_ordinary_arithmetic_and_formatting_still_work():
    assert render("{{ 2 ** 10 }} {{ 3 * 'ab' }} {{ '%05d' % 42 }} {{ 'a' + 'b' }} {{ range(3)|join(', ') }}") \
        == "1024 ababab 00042 ab 0, 1, 2"


def test_runtime_errors_are_reported_with_the_line():
    error = refused("ok\n{{ 1 / 0 }}")
    assert error.detail == "O modelo não pôde ser gerado na linha 2: confira as operações e os filtros usados."


def test_html_mode_escapes_client_data():
    variables = {"cliente": {"nome": "<script>alert('x')</script> & Cia"}}
    out = render("<p>{{ cliente.nome }}</p>", html=True, variables=variables)
    assert out == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Cia</p>"
    assert "<script>" not in out


def test_text_mode_keeps_text_as_typed_and_markup_is_trusted_in_html_mode():
    variables = {"nome": "Ana & Bia", "quebra": Markup("a<br>b")}
    assert render("{{ nome }}", variables=variables) == "Ana & Bia"
    assert render("{{ quebra }}", html=True, variables=variables) == "a<br>b"


def test_schedule_messages_keep_their_wording():
    variables = schedule_render.values(None, {})
    with pytest.raises(ValidationFailed) as caught:
        schedule_render.render("Olá {{ apelido }}", variables, field="subject")
    assert caught.value.field == "subject"
    assert caught.value.detail.startswith("Variável desconhecida na mensagem: apelido")
    assert "{{ cliente }}, {{ nome }}" in caught.value.detail
    with pytest.raises(ValidationFailed) as caught:
        schedule_render.render("{{ cliente.__class__ }}", variables)
    assert caught.value.detail.startswith("A mensagem usa um recurso não permitido")
    with pytest.raises(ValidationFailed) as caught:
        schedule_render.render("Oi\n{{ oops", variables)
    assert caught.value.detail.startswith("A mensagem tem um erro de sintaxe na linha 2")
    assert schedule_render.render("Oi {{ cliente }}", {**variables, "cliente": "Ana"}) == "Oi Ana"

"""The one renderer for company-written templates (messages, documents): jinja2's sandbox.

Tenants write these templates, so they run in `SandboxedEnvironment` with `StrictUndefined`: a
misspelled variable is an error, not an empty string, and `_`-prefixed or internal attributes
(`{{ x.__class__ }}`, `{{ cycler.__init__ }}`) are refused. Every failure becomes a pt-BR
`ValidationFailed` naming the field, the line and, for an unknown variable, the ones that exist.
Multiplication and power are checked (`'a' * 10**9` would exhaust memory) and the output is capped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import Any

from shared.errors import ValidationFailed

MAX_OUTPUT_CHARS = 2_000_000


@dataclass(frozen=True)
class Wording:
    """How the messages name the template: "A mensagem ... na mensagem ... gerada"."""

    subject: str  # "A mensagem"
    inside: str  # "na mensagem"
    made: str  # "gerada"


MESSAGE = Wording("A mensagem", "na mensagem", "gerada")
DOCUMENT = Wording("O modelo", "no modelo", "gerado")


class _UnknownVariable(Exception):
    def __init__(self, name: str, owner: Any):
        super().__init__(name)
        self.name = name
        self.owner = owner  # the object that lacks `name` (jinja's `missing` for a top-level name)


class _Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@cache
def _env(html: bool):
    from jinja2 import StrictUndefined, UndefinedError
    from jinja2.compiler import CodeGenerator
    from jinja2.sandbox import SandboxedEnvironment
    from jinja2.utils import missing

    class Strict(StrictUndefined):
        """Raises `_UnknownVariable`, which keeps the object that lacked the name (for the message)."""

        __slots__ = ()

        def __init__(self, hint=None, obj=missing, name=None, exc=UndefinedError):
            super().__init__(hint, obj, name, exc)
            if exc is UndefinedError and name is not None and hint is None:
                self._undefined_exception = partial(_raise_unknown, name, obj)

    class Generator(CodeGenerator):
        def visit_Concat(self, node, frame):  # `a ~ b`: the result's size is checked
            self.write("environment.sized(")
            super().visit_Concat(node, frame)
            self.write(")")

    class Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+", "%"})
        code_generator_class = Generator

        def call_binop(self, context, operator, left, right):
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context, __obj, *args, **kwargs):  # jinja's own signature
            method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
            if isinstance(getattr(method, "__self__", None), str) and method.__name__ in _SIZED_METHODS:
                if method.__name__ == "join" and args and not isinstance(args[0], str | list | tuple):
                    args = (list(args[0]), *args[1:])  # at most MAX_RANGE items (range() is capped)
                _check_sized(method.__name__, method.__self__, args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        @staticmethod
        def sized(value):
            if len(value) > _MAX_PIECE:
                raise _Refused("texto grande demais")
            return value

    env = Sandbox(undefined=Strict, autoescape=html, keep_trailing_newline=True)
    for name in _SIZED_FILTERS:
        env.filters[name] = _guarded_filter(name, env.filters[name])
    return env


# Size guards: the sandbox blocks escapes, not a template that asks for a gigabyte of text.
_MAX_PIECE = 200_000  # longest text or list one operation may build
_MAX_WIDTH = 10_000  # widest padding/indent/wrap a template may ask for
_WIDE_SPEC = re.compile(r"%[-+ #0*]*\d{5,}|%[-+ #0]*\d*\.\d{5,}|\{[^{}]*:[^{}]*\d{5,}[^{}]*\}")
_NESTED_SPEC = re.compile(r"\{[^{}]*:[^{}]*\{")
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map", "join"})
_SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "format", "join")


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def _result_length(operator: str, left: Any, right: Any) -> int:
    if operator == "+":
        return _length(left) + _length(right)
    times = right if isinstance(right, int) else left if isinstance(left, int) else 0
    return max(_length(left), _length(right)) * times


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "**" and isinstance(right, int | float):
        size = left.bit_length() if isinstance(left, int) else 1
        if abs(right) > 64 or size * abs(right) > 4096:
            raise _Refused("potência grande demais")
    elif operator in ("*", "+") and _result_length(operator, left, right) > _MAX_PIECE:
        raise _Refused("texto grande demais")
    elif operator == "%" and isinstance(left, str) and _WIDE_SPEC.search(left):
        raise _Refused("largura de formatação grande demais")


def _check_sized(name: str, text: str, args: tuple, kwargs: dict) -> None:
    values = (*args, *kwargs.values())
    if name.startswith("format"):
        if any(isinstance(t, str) and (_WIDE_SPEC.search(t) or _NESTED_SPEC.search(t)) for t in (text, *values)):
            raise _Refused("largura de formatação grande demais")
    elif name == "join":
        items = args[0] if args else kwargs.get("iterable", ())
        if len(text) * _length(items) > _MAX_PIECE:
            raise _Refused("texto grande demais")
    elif any(isinstance(v, int) and abs(v) > _MAX_WIDTH for v in values):
        raise _Refused("número grande demais para esta operação")


def _guarded_filter(name: str, func):
    from functools import wraps

    from jinja2 import Environment
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    @wraps(func)  # keeps jinja's pass_context / pass_environment marker
    def guarded(*args, **kwargs):
        skip = sum(1 for a in args[:1] if isinstance(a, Environment | EvalContext | Context))
        head, plain = args[:skip], list(args[skip:])
        if name == "join" and plain:
            if not isinstance(plain[0], str | list | tuple):
                plain[0] = list(plain[0])  # at most MAX_RANGE items: range() is capped by the sandbox
            separator = plain[1] if len(plain) > 1 else kwargs.get("d", "")
            _check_sized("join", separator if isinstance(separator, str) else "", (plain[0],), {})
        else:
            _check_sized(name, "", tuple(plain), kwargs)
        return func(*head, *plain, **kwargs)

    return guarded


@lru_cache(maxsize=128)
def _compile(source: str, html: bool):
    return _env(html).from_string(source)


def _raise_unknown(name: str, owner: Any, _message: str) -> _UnknownVariable:
    return _UnknownVariable(name, owner)


def render(source: str | None, variables: Mapping[str, Any], *, field: str = "body", html: bool = False,
           wording: Wording = MESSAGE) -> str:
    """Renders `source` with `variables`. `html=True` escapes every value (client data included);
    values wrapped in `markupsafe.Markup` are trusted as they are."""
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if not source:
        return ""
    try:
        template = _compile(source, html)
        out, size = [], 0
        for chunk in template.generate(**variables):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise _Refused("o texto gerado ficou grande demais")
            out.append(chunk)
        return "".join(out)
    except _UnknownVariable as exc:
        raise ValidationFailed(_unknown_message(exc, variables, wording, _line(exc)), field=field) from None
    except UndefinedError as exc:
        raise ValidationFailed(f"{wording.subject} usa uma variável desconhecida{_at(_line(exc))}.",
                               field=field) from None
    except SecurityError as exc:
        reason = _security_reason(str(exc))
        raise ValidationFailed(f"{wording.subject} usa um recurso não permitido{_at(_line(exc))}: {reason}.",
                               field=field) from None
    except _Refused as exc:
        raise ValidationFailed(f"{wording.subject} usa um recurso não permitido{_at(_line(exc))}: {exc.reason}.",
                               field=field) from None
    except TemplateSyntaxError as exc:
        raise ValidationFailed(f"{wording.subject} tem um erro de sintaxe{_at(exc.lineno)}: {_syntax_hint(exc)}.",
                               field=field) from None
    except (TemplateError, ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        raise ValidationFailed(f"{wording.subject} não pôde ser {wording.made}{_at(_line(exc))}: confira as "
                               "operações e os filtros usados.", field=field) from None


def _at(line: int | None) -> str:
    return f" na linha {line}" if line else ""


def _line(exc: BaseException) -> int | None:
    """The template line of a render-time error (jinja rewrites the traceback with template frames)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _path_of(owner: Any, variables: Mapping[str, Any]) -> tuple[str, Mapping[str, Any] | None] | None:
    """Where `owner` sits among the variables: ("cliente", {...}) or ("itens[]", {...}) for a list element."""
    if not isinstance(owner, Mapping | list | tuple):
        return None  # a text or number: equal values may sit under several names
    for key, value in variables.items():
        if value is owner:
            return key, value if isinstance(value, Mapping) else None
        if isinstance(value, Mapping):
            found = _path_of(owner, value)
            if found:
                return f"{key}.{found[0]}", found[1]
        if isinstance(value, list | tuple):
            for element in value:
                if element is owner:
                    return f"{key}[]", element if isinstance(element, Mapping) else None
    return None


MAX_LISTED = 8  # an error names a few of the right variables; the editor lists them all


def _unknown_message(exc: _UnknownVariable, variables: Mapping[str, Any], wording: Wording, line: int | None) -> str:
    from jinja2.utils import missing

    where = f" (linha {line})" if line else ""
    if exc.owner is missing:
        names = ", ".join("{{ " + v + " }}" for v in variables)
        return f"Variável desconhecida {wording.inside}: {exc.name}{where}. Use: {names}."
    found = _path_of(exc.owner, variables)
    if found is None:
        return f"Variável desconhecida {wording.inside}: {exc.name}{where}."
    path, fields = found
    if path.endswith("[]"):  # an element of a list, under whatever name the loop gave it
        listing = ", ".join(fields or ())
        return (f"Variável desconhecida {wording.inside}: {exc.name}{where}, em um item de {path[:-2]}. "
                f"Campos de cada item: {listing}.")
    names = list(fields or ())
    shown = ", ".join("{{ " + f"{path}.{name}" + " }}" for name in names[:MAX_LISTED])
    more = f" e mais {len(names) - MAX_LISTED} (veja a lista de variáveis)" if len(names) > MAX_LISTED else ""
    hint = f" Use: {shown}{more}." if shown else ""
    return f"Variável desconhecida {wording.inside}: {path}.{exc.name}{where}.{hint}"


def _security_reason(message: str) -> str:
    attribute = re.search(r"attribute '([^']+)'", message)
    if attribute and attribute.group(1).startswith("_"):
        return f"nomes que começam com _ ({attribute.group(1)}) não podem ser usados"
    if attribute:
        return f"o atributo {attribute.group(1)} não pode ser usado"
    return "operação bloqueada por segurança"


_SYNTAX_HINTS = (
    (re.compile(r"innermost block that needs to be closed is '(\w+)'"),
     "o bloco {{% {0} %}} aberto nesta linha não foi fechado com {{% end{0} %}}"),
    (re.compile(r"unknown tag '(\w+)'"), "comando desconhecido {{% {0} %}}"),
    (re.compile(r"No filter named '([^']+)'"), "filtro desconhecido: {0}"),
    (re.compile(r"No test named '([^']+)'"), "teste desconhecido: {0}"),
)


def _syntax_hint(exc: Exception) -> str:
    message = str(getattr(exc, "message", "") or exc)
    for pattern, text in _SYNTAX_HINTS:
        match = pattern.search(message)
        if match:
            return text.format(*match.groups())
    return "confira as chaves {{ }} e os comandos {% %}"

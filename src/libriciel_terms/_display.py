"""Record values that stay plain for machines and read in French or English in a report.

Private module. A report's records are for machines (identifier strings, exact numbers); its text
and HTML are rendered from the same records by :mod:`libriciel_terms._report`, which asks a cell
value for ``to_text(lang=...)`` when it has one. These two types use that hook:

- :class:`Label`: a ``str`` equal to its identifier (``"revised"``), that reads « révisé » or
  "revised" in a table;
- :class:`ExactFraction`: a :class:`~fractions.Fraction` (an exact coefficient) that reads as a
  decimal, exact when it ends within seven places, else cut with « … ».

>>> label = Label.of("revised", "révisé", "revised")
>>> label == "revised", label.to_text(lang="fr"), label.to_text(lang="en")
(True, 'révisé', 'revised')
>>> ExactFraction(642, 625).to_text(lang="fr"), ExactFraction(8607, 8080).to_text(lang="en")
('1,0272', '1.0652227…')

The failing case: a language other than French or English is refused.

>>> label.to_text(lang="de")
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: lang='de' is not one of 'fr', 'en'; pass one of them
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from libriciel_terms import _text
from libriciel_terms._exact import CONTEXT, round_fraction
from libriciel_terms._text import Lang

__all__ = ["ExactFraction", "Label", "decimal_text"]

_PLACES = 7


class Label(str):
    """An identifier that reads in French or English in a report (still equal to the identifier)."""

    fr: str
    en: str

    @classmethod
    def of(cls, identifier: str, fr: str, en: str) -> Label:
        """``identifier`` reading ``fr`` in French and ``en`` in English."""
        label = cls(identifier)
        label.fr, label.en = fr, en
        return label

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The label in ``lang``."""
        return _text.pick(self.fr, self.en, _text.check_lang(lang))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Label.of, (str(self), self.fr, self.en))


class ExactFraction(Fraction):
    """An exact rational that reads as a decimal in a report."""

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The value as decimals (see :func:`decimal_text`)."""
        return decimal_text(self, _text.check_lang(lang))


def decimal_text(value: Fraction, lang: Lang, places: int = _PLACES) -> str:
    """A rational as decimals: exact when it ends within ``places``, else truncated with « … »."""
    scaled = value * 10**places
    if scaled.denominator == 1:
        exact = Decimal(scaled.numerator).scaleb(-places, context=CONTEXT)
        return _text.number(exact.normalize(context=CONTEXT), lang)
    truncated = round_fraction(value, Decimal((0, (1,), -places)), rounding="down")
    return f"{_text.number(truncated, lang)}…"

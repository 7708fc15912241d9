"""The public surface promised by API.md, and the cross-cutting guarantees.

- every name of API.md is importable from the top-level package, with the keyword names it lists;
- every refusal is a ``TermsError`` (no bare ``KeyError``/``TypeError``/``InvalidOperation``);
- results do not depend on the caller's ambient ``decimal`` context.
"""

from __future__ import annotations

import datetime as dt
import decimal
import importlib
import inspect
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import libriciel_terms as lt
from libriciel_terms import (
    RECOVERY_INDEMNITY,
    SYNTEC,
    BusinessHours,
    ContractTerm,
    Priority,
    SlaPolicy,
    Target,
    TermsError,
    availability,
    breach_notification_deadline,
    hosting_data_destruction_deadline,
    late_termination,
    moratory_interest,
    moratory_rate,
    payment_due_date,
    prorata_initial_price,
    restore_points,
    revise_price,
    revision_coefficient,
)

PARIS = ZoneInfo("Europe/Paris")

API_NAMES = [
    "BusinessHours",
    "Priority",
    "Target",
    "SlaPolicy",
    "availability",
    "ContractTerm",
    "prorata_initial_price",
    "late_termination",
    "revision_coefficient",
    "revise_price",
    "SYNTEC",
    "RECOVERY_INDEMNITY",
    "payment_due_date",
    "moratory_rate",
    "moratory_interest",
    "restore_points",
    "breach_notification_deadline",
    "hosting_data_destruction_deadline",
    "TermsError",
]


@pytest.mark.parametrize("name", API_NAMES)
def test_api_names_are_exported(name: str) -> None:
    """Each pinned name is in ``__all__`` and is the object its own module defines."""
    assert name in lt.__all__
    value = getattr(lt, name)
    home = importlib.import_module(f"libriciel_terms.{lt._MODULE_OF[name]}")
    assert getattr(home, name) is value
    assert name in home.__all__


def test_all_is_importable_and_unique() -> None:
    assert len(set(lt.__all__)) == len(lt.__all__)
    for name in lt.__all__:
        assert hasattr(lt, name), name


@pytest.mark.parametrize(
    ("function", "positional", "keywords"),
    [
        (BusinessHours.is_open, ["self", "at"], []),
        (BusinessHours.add, ["self", "start", "duration"], []),
        (BusinessHours.elapsed, ["self", "start", "end"], []),
        (BusinessHours.is_working_day, ["self", "day"], []),
        (BusinessHours.add_working_days, ["self", "day", "n"], []),
        (SlaPolicy.due, ["self", "priority", "target", "reported_at"], ["frozen"]),
        (availability, ["start", "end", "outages"], ["planned", "hours"]),
        (ContractTerm.notice_deadline, ["self", "anniversary"], []),
        (prorata_initial_price, ["annual", "installed_on", "period_end"], []),
        (late_termination, ["term", "received_on", "annual"], []),
        (revision_coefficient, ["base_index", "current_index"], ["fixed_part"]),
        (revise_price, ["price", "base_index", "current_index"], ["fixed_part"]),
        (payment_due_date, ["received_on"], []),
        (moratory_rate, ["interest_starts_on"], []),
        (moratory_interest, ["amount", "due_on", "paid_on"], []),
        (restore_points, ["at"], []),
        (breach_notification_deadline, ["known_at"], []),
        (hosting_data_destruction_deadline, ["contract_end"], []),
    ],
)
def test_signatures_match_api_md(
    function: Callable[..., object], positional: list[str], keywords: list[str]
) -> None:
    parameters = inspect.signature(function).parameters
    names = list(parameters)
    assert names[: len(positional)] == positional
    for keyword in keywords:
        assert parameters[keyword].kind is inspect.Parameter.KEYWORD_ONLY
    # anything beyond the API's positional parameters is keyword-only, with a default
    for extra in names[len(positional) :]:
        assert parameters[extra].kind in (
            inspect.Parameter.KEYWORD_ONLY,
            inspect.Parameter.VAR_KEYWORD,
        )


def test_api_md_examples() -> None:
    hours = BusinessHours.comelus()
    start = dt.datetime(2024, 12, 20, 16, 30, tzinfo=PARIS)
    assert hours.add(start, dt.timedelta(hours=4)) == dt.datetime(
        2024, 12, 23, 11, 30, tzinfo=PARIS
    )
    assert [int(p) for p in Priority] == [0, 1, 2, 3]
    assert {t.name for t in Target} >= {"TAKE_CHARGE", "WORKAROUND", "RESOLUTION"}
    assert SlaPolicy.comelus().due(Priority.BLOQUANT, Target.TAKE_CHARGE, start) == dt.datetime(
        2024, 12, 23, 11, 30, tzinfo=PARIS
    )
    assert SlaPolicy.section_2_7().due(Priority.SERIEUX, Target.RESOLUTION, start) is None
    term = ContractTerm.comelus()
    assert (term.periods[0].start, term.periods[-1].end) == (
        dt.date(2024, 9, 1),
        dt.date(2028, 8, 31),
    )
    assert len(term.billing_dates()) == 16
    assert term.notice_deadline(dt.date(2025, 9, 1)) == dt.date(2025, 7, 1)
    assert prorata_initial_price(
        Decimal("1350.00"), dt.date(2024, 10, 15), dt.date(2025, 8, 31)
    ) == Decimal("1125.00")
    late = late_termination(term, dt.date(2025, 8, 10), Decimal("1350.00"))
    assert (late.effective_on, late.balance) == (dt.date(2025, 10, 10), Decimal("147.95"))
    timely = late_termination(term, dt.date(2025, 6, 1), Decimal("1350.00"))
    assert (timely.effective_on, timely.balance) == (dt.date(2025, 8, 31), Decimal("0.00"))
    assert revision_coefficient(Decimal("100"), Decimal("103.2")) == Decimal("1.028")
    assert revise_price(Decimal("1350.00"), 100, "98.7") == Decimal("1335.15")
    assert isinstance(SYNTEC.value(2024, 8), Decimal)
    assert SYNTEC.known_on(dt.date(2025, 12, 1)) == (2025, 10)
    assert Decimal("40.00") == RECOVERY_INDEMNITY
    assert payment_due_date(dt.date(2025, 3, 3)) == dt.date(2025, 4, 2)
    assert moratory_rate(dt.date(2025, 4, 3)) == Decimal("11.15")
    assert breach_notification_deadline(
        dt.datetime(2025, 3, 28, 16, 0, tzinfo=PARIS)
    ) == dt.datetime(2025, 3, 30, 17, 0, tzinfo=PARIS)
    assert hosting_data_destruction_deadline(dt.date(2028, 8, 31)) == dt.date(2028, 10, 12)
    points = restore_points(dt.datetime(2025, 3, 24, 13, 0, tzinfo=PARIS))
    assert [p.taken_at for p in points] == sorted(p.taken_at for p in points)
    assert points[-1].taken_at == dt.datetime(2025, 3, 24, 12, 30, tzinfo=PARIS)
    october = availability(
        dt.datetime(2024, 10, 1, tzinfo=PARIS),
        dt.datetime(2024, 11, 1, tzinfo=PARIS),
        [
            (
                dt.datetime(2024, 10, 16, 11, 0, tzinfo=PARIS),
                dt.datetime(2024, 10, 16, 15, 30, tzinfo=PARIS),
            )
        ],
    )
    assert Decimal("0.9844") < october < Decimal("0.9845")


# -- every refusal is a TermsError --------------------------------------------------------------

NAIVE = dt.datetime(2025, 1, 2, 10, 0)
AWARE = dt.datetime(2025, 1, 2, 10, 0, tzinfo=PARIS)
BAD_CALLS: list[tuple[str, Callable[[], object]]] = [
    ("naive add", lambda: BusinessHours.comelus().add(NAIVE, dt.timedelta(hours=1))),
    ("str duration", lambda: BusinessHours.comelus().add(AWARE, "1h")),
    ("unknown priority", lambda: SlaPolicy.comelus().due(7, Target.RESOLUTION, AWARE)),
    ("priority as str", lambda: SlaPolicy.comelus().due("urgent", Target.RESOLUTION, AWARE)),
    ("naive report", lambda: SlaPolicy.comelus().due(Priority.MAJEUR, Target.TAKE_CHARGE, NAIVE)),
    (
        "freeze ends first",
        lambda: SlaPolicy.comelus().due(
            Priority.MAJEUR,
            Target.RESOLUTION,
            AWARE,
            frozen=[(AWARE, AWARE - dt.timedelta(hours=1))],
        ),
    ),
    (
        "float price",
        lambda: prorata_initial_price(1350.0, dt.date(2024, 10, 15), dt.date(2025, 8, 31)),
    ),
    (
        "negative price",
        lambda: prorata_initial_price(Decimal(-1), dt.date(2024, 10, 15), dt.date(2025, 8, 31)),
    ),
    ("NaN price", lambda: revise_price(Decimal("NaN"), 100, 101)),
    ("float index", lambda: revision_coefficient(100.0, 101)),
    ("zero index", lambda: revision_coefficient(0, 101)),
    ("text index", lambda: revision_coefficient("abc", 101)),
    ("unknown month", lambda: SYNTEC.value(1990, 1)),
    ("month 13", lambda: SYNTEC.value(2024, 13)),
    ("rate beyond table", lambda: moratory_rate(dt.date(2040, 1, 1))),
    ("float amount", lambda: moratory_interest(405.0, dt.date(2025, 4, 2), dt.date(2025, 5, 1))),
    ("datetime as date", lambda: payment_due_date(AWARE)),
    (
        "notice outside term",
        lambda: late_termination(ContractTerm.comelus(), dt.date(2030, 1, 1), Decimal(1)),
    ),
    ("naive restore", lambda: restore_points(NAIVE)),
    ("naive breach", lambda: breach_notification_deadline(NAIVE)),
    ("str contract end", lambda: hosting_data_destruction_deadline("2028-08-31")),
    (
        "outage reversed",
        lambda: availability(AWARE, AWARE + dt.timedelta(days=1), [(AWARE, NAIVE)]),
    ),
    ("period reversed", lambda: availability(AWARE, AWARE - dt.timedelta(days=1), [])),
]


@pytest.mark.parametrize(("label", "call"), BAD_CALLS, ids=[label for label, _ in BAD_CALLS])
def test_bad_input_is_a_terms_error(label: str, call: Callable[[], object]) -> None:
    with pytest.raises(TermsError) as caught:
        call()
    assert str(caught.value), label  # a message that says something


# -- no ambient decimal context -----------------------------------------------------------------

HOSTILE = decimal.Context(
    prec=3,
    rounding=decimal.ROUND_FLOOR,
    traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation],
)


def _money_results() -> list[object]:
    term = ContractTerm.comelus()
    return [
        prorata_initial_price(Decimal("1350.00"), dt.date(2024, 10, 15), dt.date(2025, 8, 31)),
        late_termination(term, dt.date(2025, 8, 10), Decimal("1350.00")).balance,
        revise_price(Decimal("1350.00"), Decimal("102.0"), Decimal("100.2")),
        revision_coefficient(Decimal("314.1"), Decimal("322.2")),
        moratory_interest(Decimal("405.00"), dt.date(2025, 4, 2), dt.date(2025, 5, 12)),
        moratory_rate(dt.date(2025, 4, 3)),
        lt.PriceList.comelus_2024().annual,
        [
            i.ttc
            for i in lt.billing_schedule(
                term, lt.PriceList.comelus_2024(), billing=lt.billing.BillingTerms.comelus()
            ).invoices
        ],
        lt.term_sheet(lt.COMELUS_2024).to_json(),
    ]


def test_results_ignore_a_hostile_decimal_context() -> None:
    expected = _money_results()
    with decimal.localcontext(HOSTILE):
        assert _money_results() == expected


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2))
def test_prices_ignore_a_hostile_decimal_context(price: Decimal) -> None:
    expected = revise_price(price, Decimal("100"), Decimal("103.2"))
    with decimal.localcontext(HOSTILE):
        assert revise_price(price, Decimal("100"), Decimal("103.2")) == expected

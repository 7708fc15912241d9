"""Tests of libriciel_terms.retention: the RULES.md §6 table, deadlines, the end-of-contract
chain and the quotas of clause 2.2."""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    OutsideTermError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.holidays import ExplicitHolidays
from libriciel_terms.hours import BusinessHours
from libriciel_terms.retention import (
    RETENTION_RULES,
    RetentionRule,
    breach_notification_deadline,
    check_quotas,
    end_of_contract_chain,
    exchange_purge_date,
    hosting_data_destruction_deadline,
    regulatory_maintenance_deadline,
    retention_deadline,
    subprocessor_objection_deadline,
)
from tests.strategies import aware_datetimes, dates, paris_datetimes

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
D = dt.date
HOURS = BusinessHours.comelus()


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


# --------------------------------------------------------------------------- the table

# RULES.md §6, row by row: key, amount, unit, counting, clause.
TABLE = [
    ("exchanges", 6, "months", "calendar", "2.2"),
    ("incremental_backup", 24, "hours", "elapsed", "2.6.2"),
    ("differential_backup", 8, "days", "calendar", "2.6.2"),
    ("weekly_full_backup", 15, "days", "calendar", "2.6.2"),
    ("monthly_full_backup", 93, "days", "calendar", "2.6.2"),
    ("referent_data", 3, "years", "calendar", "6.5.9.1"),
    ("support_data", 2, "years", "calendar", "6.5.9.2"),
    ("hosting_data_destruction", 30, "working_days", "civil", "6.5.9.4"),
    ("data_return", 30, "working_days", "civil", "6.5.9"),
    ("return_confirmation", 30, "working_days", "civil", "6.5.9"),
    ("destruction_confirmation", 7, "working_days", "civil", "6.5.9"),
    ("breach_notification", 48, "hours", "elapsed", "6.5.6"),
    ("subprocessor_objection", 30, "working_days", "civil", "6.6"),
    ("regulatory_maintenance", 3, "months", "calendar", "3.3"),
]


def test_the_table_has_every_row_of_rules_md_in_order() -> None:
    assert RETENTION_RULES.keys() == tuple(row[0] for row in TABLE)


@pytest.mark.parametrize(("key", "amount", "unit", "counting", "clause"), TABLE)
def test_each_row(key: str, amount: int, unit: str, counting: str, clause: str) -> None:
    rule = RETENTION_RULES[key]
    assert (rule.amount, rule.unit, rule.counting, rule.clause) == (amount, unit, counting, clause)
    assert rule.what
    assert rule.from_event


def test_table_records_and_html() -> None:
    records = RETENTION_RULES.to_records()
    assert len(records) == 14 == len(RETENTION_RULES)
    assert records[11] == {
        "key": "breach_notification",
        "what": "personal-data breach notified within",
        "amount": 48,
        "unit": "hours",
        "counting": "elapsed",
        "from_event": "knowledge of the breach",
        "clause": "6.5.6",
        "nature": "deadline",
    }
    html = RETENTION_RULES._repr_html_()
    assert html.startswith("<table>")
    assert html.count("<tr>") == 15
    assert "jours" not in html
    assert "referents&#x27; personal data" in html
    assert [r.key for r in RETENTION_RULES] == list(RETENTION_RULES.keys())


def test_period_in_words() -> None:
    assert RETENTION_RULES["breach_notification"].period == "48 hours"
    assert RETENTION_RULES["hosting_data_destruction"].period == "30 jours ouvrés"
    assert RETENTION_RULES["exchanges"].period == "6 months"


def test_counting_must_fit_the_unit() -> None:
    with pytest.raises(InvalidArgumentError, match="counting='calendar' does not fit"):
        RetentionRule(
            key="x", what="x", amount=1, unit="hours", counting="calendar",
            from_event="x", clause="x", nature="deadline",
        )  # fmt: skip


# --------------------------------------------------------------------------- RULES.md examples


def test_rules_md_example_hosting_data_destroyed_by_2028_10_12() -> None:
    assert hosting_data_destruction_deadline(D(2028, 8, 31)) == D(2028, 10, 12)


@pytest.mark.parametrize(
    ("known_at", "due"),
    [
        # RULES.md §0: DST starts on the night of 29–30 March 2025: 49 wall-clock hours.
        (paris(2025, 3, 28, 16, 0), paris(2025, 3, 30, 17, 0)),
        # DST ends on the night of 25–26 October 2025: 47 wall-clock hours.
        (paris(2025, 10, 24, 16, 0), paris(2025, 10, 26, 15, 0)),
        # Starting inside the repeated hour (second 02:30, winter time).
        (paris(2025, 10, 26, 2, 30).replace(fold=1), paris(2025, 10, 28, 2, 30)),
        (paris(2025, 10, 26, 2, 30), paris(2025, 10, 28, 1, 30)),
        # No change in between: the wall clock moves by 48 h.
        (paris(2025, 6, 2, 10, 0), paris(2025, 6, 4, 10, 0)),
        # An instant given in UTC comes back in Paris.
        (dt.datetime(2025, 3, 28, 15, 0, tzinfo=UTC), paris(2025, 3, 30, 17, 0)),
    ],
)
def test_breach_notification_counts_elapsed_hours(known_at: dt.datetime, due: dt.datetime) -> None:
    result = breach_notification_deadline(known_at)
    assert result.tzinfo == PARIS
    assert (result.year, result.month, result.day, result.hour, result.minute) == (
        due.year, due.month, due.day, due.hour, due.minute,
    )  # fmt: skip
    assert result.utcoffset() == due.utcoffset()


@given(aware_datetimes())
def test_breach_deadline_is_exactly_48_elapsed_hours(known_at: dt.datetime) -> None:
    due = breach_notification_deadline(known_at)
    assert due.astimezone(UTC) - known_at.astimezone(UTC) == dt.timedelta(hours=48)


# --------------------------------------------------------------------------- calendar units


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (D(2025, 8, 31), D(2026, 2, 28)),  # clipped to February's end
        (D(2023, 8, 31), D(2024, 2, 29)),  # leap year
        (D(2025, 3, 31), D(2025, 9, 30)),
        (D(2025, 1, 15), D(2025, 7, 15)),
        (D(2025, 12, 31), D(2026, 6, 30)),
    ],
)
def test_exchanges_kept_six_months(start: dt.date, due: dt.date) -> None:
    assert exchange_purge_date(start) == due


def test_exchange_purge_keeps_the_wall_clock_time_across_dst() -> None:
    # Winter to summer time: still 10:00 on the wall clock, one elapsed hour less.
    assert exchange_purge_date(paris(2025, 1, 31, 10, 0)) == paris(2025, 7, 31, 10, 0)
    assert exchange_purge_date(paris(2025, 1, 31, 10, 0)).utcoffset() == dt.timedelta(hours=2)


@pytest.mark.parametrize(
    ("published", "due"),
    [(D(2025, 11, 30), D(2026, 2, 28)), (D(2027, 11, 30), D(2028, 2, 29)), (D(2025, 5, 31), D(2025, 8, 31))],
)  # fmt: skip
def test_regulatory_maintenance_three_months(published: dt.date, due: dt.date) -> None:
    assert regulatory_maintenance_deadline(published) == due


@pytest.mark.parametrize(
    ("key", "start", "due"),
    [
        # RULES.md §0: a backup taken Sat 2025-03-22 23:00 and kept 15 days.
        ("weekly_full_backup", paris(2025, 3, 22, 23, 0), paris(2025, 4, 6, 23, 0)),
        ("differential_backup", paris(2025, 10, 20, 23, 0), paris(2025, 10, 28, 23, 0)),
        ("monthly_full_backup", paris(2025, 1, 1, 23, 0), paris(2025, 4, 4, 23, 0)),
        ("referent_data", paris(2028, 2, 29, 12, 0), paris(2031, 2, 28, 12, 0)),
        # An instant in the gap of the spring night is read one hour later (03:30).
        ("differential_backup", paris(2025, 3, 22, 2, 30), paris(2025, 3, 30, 3, 30)),
    ],
)
def test_calendar_days_keep_the_wall_clock(key: str, start: dt.datetime, due: dt.datetime) -> None:
    result = retention_deadline(key, start)
    assert result.replace(tzinfo=None) == due.replace(tzinfo=None)
    assert result.utcoffset() == due.utcoffset()


def test_fifteen_days_across_dst_are_359_elapsed_hours() -> None:
    due = retention_deadline("weekly_full_backup", paris(2025, 3, 22, 23, 0))
    assert due.astimezone(UTC) - paris(2025, 3, 22, 23, 0).astimezone(UTC) == dt.timedelta(
        hours=15 * 24 - 1
    )


def test_years_clip_the_29th_of_february() -> None:
    assert retention_deadline("support_data", D(2028, 2, 29)) == D(2030, 2, 28)
    assert retention_deadline("referent_data", D(2028, 2, 29)) == D(2031, 2, 28)


# --------------------------------------------------------------------------- jours ouvrés


def slow_add_working_days(day: dt.date, n: int) -> dt.date:
    """Walk day by day: Mon–Fri, not one of the eleven holidays (listed by hand for 2024–2029)."""
    holidays = {
        D(y, m, d) for y in range(2024, 2030) for m, d in
        ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))
    } | {  # Easter Monday, Ascension, Whit Monday
        D(2024, 4, 1), D(2024, 5, 9), D(2024, 5, 20), D(2025, 4, 21), D(2025, 5, 29),
        D(2025, 6, 9), D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 25), D(2027, 3, 29),
        D(2027, 5, 6), D(2027, 5, 17), D(2028, 4, 17), D(2028, 5, 25), D(2028, 6, 5),
        D(2029, 4, 2), D(2029, 5, 10), D(2029, 5, 21),
    }  # fmt: skip
    count = 0
    while count < n:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            count += 1
    return day


@pytest.mark.parametrize(
    ("end", "due"),
    [
        (D(2028, 8, 31), D(2028, 10, 12)),
        (D(2025, 10, 31), D(2025, 12, 15)),  # 11 November skipped
        (D(2025, 4, 30), D(2025, 6, 17)),  # 1, 8, 29 May and Whit Monday skipped
        (D(2024, 12, 21), D(2025, 2, 4)),  # a Saturday; 25 December and 1 January
    ],
)
def test_hosting_destruction_examples(end: dt.date, due: dt.date) -> None:
    assert hosting_data_destruction_deadline(end) == due == slow_add_working_days(end, 30)


@given(dates(D(2024, 1, 1), D(2028, 12, 31)))
def test_working_day_rules_match_a_day_by_day_walk(start: dt.date) -> None:
    assert hosting_data_destruction_deadline(start) == slow_add_working_days(start, 30)
    assert subprocessor_objection_deadline(start) == slow_add_working_days(start, 30)
    assert retention_deadline("destruction_confirmation", start) == slow_add_working_days(start, 7)


@given(paris_datetimes(dt.datetime(2024, 1, 1), dt.datetime(2028, 12, 31)))
def test_working_days_from_an_instant_end_at_the_business_close(start: dt.datetime) -> None:
    due = retention_deadline("data_return", start)
    assert due.date() == slow_add_working_days(start.astimezone(PARIS).date(), 30)
    assert (due.hour, due.minute, due.tzinfo) == (18, 0, PARIS)


def test_a_custom_calendar_changes_working_days() -> None:
    hours = BusinessHours.weekly(
        {d: [("09:00", "12:00"), ("14:00", "18:00")] for d in range(5)},
        holidays=ExplicitHolidays.of([D(2028, 9, 1)]),
    )
    assert hosting_data_destruction_deadline(D(2028, 8, 31), hours=hours) == D(2028, 10, 13)


# --------------------------------------------------------------------------- end-of-contract chain


def dues(chain: object) -> list[tuple[str, str]]:
    return [(d.key, d.due.isoformat()) for d in chain.deadlines]  # type: ignore[attr-defined]


def test_chain_for_the_comelus_contract_without_a_return_request() -> None:
    chain = end_of_contract_chain(D(2028, 8, 31))
    assert dues(chain) == [
        ("hosting_data_destruction", "2028-10-12"),
        ("destruction_confirmation", "2028-10-23"),
        ("support_data", "2030-08-31"),
        ("referent_data", "2031-08-31"),
    ]
    confirmation = chain["destruction_confirmation"]
    assert confirmation.assumed_start
    assert confirmation.from_date == D(2028, 10, 12)
    assert confirmation.party == "titulaire"
    assert confirmation.met is None


def test_chain_with_an_early_request_keeps_the_destruction_deadline() -> None:
    chain = end_of_contract_chain(
        D(2028, 8, 31),
        return_requested_on=D(2028, 6, 1),
        returned_on=D(2028, 6, 20),
        confirmed_on=D(2028, 7, 3),
    )
    assert dues(chain)[:4] == [
        ("data_return", "2028-07-17"),  # Whit Monday and 14 July skipped
        ("return_confirmation", "2028-08-02"),
        ("hosting_data_destruction", "2028-10-12"),
        ("destruction_confirmation", "2028-10-23"),
    ]
    assert chain["data_return"].met is True
    assert chain["return_confirmation"].met is True
    assert chain["return_confirmation"].party == "controller"
    assert not chain["return_confirmation"].assumed_start
    assert chain["hosting_data_destruction"].note == ""


def test_chain_with_a_late_request_pushes_destruction_after_the_confirmation_delai() -> None:
    chain = end_of_contract_chain(D(2028, 8, 31), return_requested_on=D(2028, 8, 1))
    assert dues(chain)[:4] == [
        ("data_return", "2028-09-13"),
        ("return_confirmation", "2028-10-25"),  # the return taken on its last day
        ("hosting_data_destruction", "2028-10-26"),  # first working day after the délai
        ("destruction_confirmation", "2028-11-07"),  # 1 November skipped
    ]
    destruction = chain["hosting_data_destruction"]
    assert destruction.from_event == "the confirmation délai running out"
    assert destruction.assumed_start
    assert "6.5.9.4" in destruction.note


def test_chain_after_a_late_confirmation_destroys_on_the_confirmation() -> None:
    chain = end_of_contract_chain(
        D(2028, 8, 31),
        return_requested_on=D(2028, 8, 1),
        returned_on=D(2028, 9, 1),
        confirmed_on=D(2028, 10, 20),
        destroyed_on=D(2028, 10, 24),
    )
    destruction = chain["hosting_data_destruction"]
    assert (destruction.due, destruction.from_date, destruction.assumed_start) == (
        D(2028, 10, 20), D(2028, 10, 20), False,
    )  # fmt: skip
    assert destruction.met is False  # destroyed four days after the confirmation
    confirmation = chain["destruction_confirmation"]
    assert (confirmation.from_date, confirmation.due) == (D(2028, 10, 24), D(2028, 11, 3))
    assert not confirmation.assumed_start


def test_chain_contract_end_reading_flags_the_conflict() -> None:
    chain = end_of_contract_chain(
        D(2028, 8, 31), return_requested_on=D(2028, 8, 1), destruction="contract_end"
    )
    destruction = chain["hosting_data_destruction"]
    assert destruction.due == D(2028, 10, 12)
    assert destruction.note.startswith("conflict:")
    assert "2028-10-26" in destruction.note


def test_chain_commercial_relation_end() -> None:
    chain = end_of_contract_chain(D(2028, 8, 31), commercial_relation_end=D(2029, 1, 31))
    assert chain["referent_data"].due == D(2032, 1, 31)
    assert chain["referent_data"].note == ""


def test_chain_records_and_html() -> None:
    chain = end_of_contract_chain(D(2028, 8, 31), return_requested_on=D(2028, 6, 1))
    records = chain.to_records()
    assert [r["due"] for r in records] == [d.due for d in chain.deadlines]
    assert records[0] == {
        "obligation": "return the personal data (on written request)",
        "party": "titulaire",
        "from_event": "the written request",
        "from_date": D(2028, 6, 1),
        "assumed_start": False,
        "due": D(2028, 7, 17),
        "clause": "6.5.9",
        "done_on": None,
        "met": None,
        "note": "",
    }
    html = chain._repr_html_()
    assert html.count("<tr>") == len(records) + 1
    assert "2028-07-17" in html


@given(
    dates(D(2024, 9, 1), D(2029, 6, 30)),
    st.integers(min_value=0, max_value=200),
    st.booleans(),
)
def test_chain_properties(end: dt.date, days_before: int, with_request: bool) -> None:
    request = end - dt.timedelta(days=days_before) if with_request else None
    chain = end_of_contract_chain(end, return_requested_on=request)
    for item in chain.deadlines:
        assert item.due >= item.from_date
    assert [d.due for d in chain.deadlines] == sorted(d.due for d in chain.deadlines)
    destruction = chain["hosting_data_destruction"]
    assert destruction.due >= hosting_data_destruction_deadline(end)
    if with_request:
        assert destruction.due > chain["return_confirmation"].due or destruction.due == (
            hosting_data_destruction_deadline(end)
        )
    assert chain["destruction_confirmation"].due == slow_add_working_days(destruction.due, 7)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"return_requested_on": D(2028, 9, 1)}, OutsideTermError, "before the contract ends"),
        ({"returned_on": D(2028, 9, 1)}, InvalidArgumentError, "without return_requested_on"),
        (
            {"return_requested_on": D(2028, 8, 1), "confirmed_on": D(2028, 9, 1)},
            InvalidArgumentError,
            "without returned_on",
        ),
        (
            {"return_requested_on": D(2028, 8, 1), "returned_on": D(2028, 7, 1)},
            EndBeforeStartError,
            "returned_on",
        ),
        (
            {
                "return_requested_on": D(2028, 8, 1),
                "returned_on": D(2028, 8, 10),
                "confirmed_on": D(2028, 8, 9),
            },
            EndBeforeStartError,
            "confirmed_on",
        ),
        ({"destroyed_on": D(2028, 8, 30)}, EndBeforeStartError, "destroyed_on"),
        ({"destruction": "never"}, InvalidArgumentError, "after_return"),
        ({"returned_on": "2028-09-01"}, WrongTypeError, "returned_on"),
        ({"hours": "comelus"}, WrongTypeError, "BusinessHours"),
    ],
)
def test_chain_refusals(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        end_of_contract_chain(D(2028, 8, 31), **kwargs)  # type: ignore[arg-type]


def test_chain_unknown_key() -> None:
    with pytest.raises(InvalidArgumentError, match="data_return"):
        end_of_contract_chain(D(2028, 8, 31))["data_return"]


# --------------------------------------------------------------------------- quotas


@pytest.mark.parametrize(
    ("kwargs", "exceeded"),
    [
        ({"document_bytes": 150_000_000}, ()),  # "150 Mo maxi": the limit itself is allowed
        ({"document_bytes": 150_000_001}, ("document",)),
        ({"document_bytes": 150_000_001, "multiples": "binary"}, ()),
        ({"document_bytes": 150 * 2**20 + 1, "multiples": "binary"}, ("document",)),
        ({"storage_bytes": 10**12}, ()),
        ({"storage_bytes": 10**12 + 1}, ("storage",)),
        ({"storage_bytes": 10**12 + 1, "multiples": "binary"}, ()),
        ({"traffic_bytes": 20 * 10**12 + 1, "storage_bytes": 0}, ("traffic",)),
        (
            {
                "document_bytes": 2 * 10**8,
                "storage_bytes": 2 * 10**12,
                "traffic_bytes": 21 * 10**12,
            },
            ("document", "storage", "traffic"),
        ),
    ],
)
def test_quotas(kwargs: dict[str, object], exceeded: tuple[str, ...]) -> None:
    report = check_quotas(**kwargs)  # type: ignore[arg-type]
    assert report.exceeded == exceeded
    assert report.ok is (not exceeded)


def test_quota_lines_and_records() -> None:
    report = check_quotas(document_bytes=1, storage_bytes=2, traffic_bytes=3, multiples="binary")
    assert [(x.quota, x.limit, x.limit_bytes) for x in report.lines] == [
        ("document", "150 Mo (binary)", 150 * 2**20),
        ("storage", "1 To (binary)", 2**40),
        ("traffic", "20 To (binary)", 20 * 2**40),
    ]
    assert report.to_records()[2] == {
        "quota": "traffic",
        "what": "traffic over the year",
        "limit": "20 To (binary)",
        "limit_bytes": 20 * 2**40,
        "usage_bytes": 3,
        "exceeded": False,
    }
    assert report._repr_html_().count("<tr>") == 4


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({}, InvalidArgumentError, "no usage given"),
        ({"document_bytes": -1}, OutOfRangeError, "document_bytes=-1"),
        ({"storage_bytes": 1.5}, WrongTypeError, "storage_bytes=1.5"),
        ({"traffic_bytes": True}, WrongTypeError, "traffic_bytes=True"),
        ({"document_bytes": 1, "multiples": "iec"}, InvalidArgumentError, "'si' or 'binary'"),
    ],
)
def test_quota_refusals(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        check_quotas(**kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: breach_notification_deadline(dt.datetime(2025, 3, 28, 16)), NaiveDatetimeError, "known_at"),
        (lambda: breach_notification_deadline(D(2025, 3, 28)), WrongTypeError, "known_at"),
        (lambda: retention_deadline("breach_notification", D(2025, 3, 28)), WrongTypeError, "elapsed time"),
        (lambda: retention_deadline("nope", D(2025, 3, 28)), InvalidArgumentError, "not a row"),
        (lambda: retention_deadline(3, D(2025, 3, 28)), WrongTypeError, "rule=3"),
        (lambda: retention_deadline("exchanges", "2025-03-28"), WrongTypeError, "start="),
        (lambda: retention_deadline("exchanges", dt.datetime(2025, 3, 28)), NaiveDatetimeError, "start="),
        (lambda: exchange_purge_date(D(9999, 8, 1)), OutOfRangeError, "beyond the year 9999"),
        (lambda: exchange_purge_date(paris(9999, 8, 1, 0, 0)), OutOfRangeError, "beyond the year 9999"),
        (lambda: hosting_data_destruction_deadline("2028-08-31"), WrongTypeError, "contract_end"),
        (lambda: hosting_data_destruction_deadline(D(2028, 8, 31), hours=7), WrongTypeError, "hours=7"),
        (lambda: subprocessor_objection_deadline(None), WrongTypeError, "received_on"),
        (lambda: regulatory_maintenance_deadline(paris(2025, 1, 1, 0, 0)), WrongTypeError, "published_on"),
        (lambda: RETENTION_RULES["x"], InvalidArgumentError, "rule='x'"),
    ],
)  # fmt: skip
def test_refusals_are_terms_errors(call: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, TermsError)


def test_results_do_not_depend_on_the_decimal_context() -> None:
    def compute() -> tuple[object, ...]:
        return (
            hosting_data_destruction_deadline(D(2028, 8, 31)),
            breach_notification_deadline(paris(2025, 3, 28, 16, 0)),
            dues(end_of_contract_chain(D(2028, 8, 31), return_requested_on=D(2028, 8, 1))),
            check_quotas(document_bytes=150_000_001, multiples="binary").exceeded,
        )

    expected = compute()
    with decimal.localcontext() as hostile:
        hostile.prec = 3
        hostile.rounding = decimal.ROUND_FLOOR
        hostile.traps[decimal.Inexact] = True
        assert compute() == expected


def test_value_objects_pickle_and_are_frozen() -> None:
    chain = end_of_contract_chain(D(2028, 8, 31))
    assert pickle.loads(pickle.dumps(chain)) == chain
    assert pickle.loads(pickle.dumps(RETENTION_RULES)) == RETENTION_RULES
    with pytest.raises(AttributeError):
        chain.contract_end = D(2029, 1, 1)  # type: ignore[misc]

"""Tests of libriciel_terms.retention: the retention table of the contract (§2.2, §2.6.2, §3.3,
§6.5.6, §6.5.9, §6.6), its rows' délais counted on an explicit schedule, and its report."""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    TermsError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.holidays import ExplicitHolidays
from libriciel_terms.hours import BusinessHours
from libriciel_terms.retention import (
    RETENTION_RULES,
    RetentionRule,
    RetentionTable,
    exchange_purge_date,
    retention_deadline,
)
from tests.strategies import aware_datetimes, dates, paris_datetimes

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
D = dt.date
HOURS = BusinessHours.comelus()
TABLE = RetentionTable.comelus()


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def deadline(key: str, start: dt.date | dt.datetime, hours: BusinessHours = HOURS) -> object:
    return TABLE.deadline(key, start, hours=hours)


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


# --------------------------------------------------------------------------- the table

# The contract's table, row by row: key, délai, clause, nature.
ROWS = [
    ("exchanges", Delay.months(6), "2.2", "retention"),
    ("incremental_backup", Delay.hours(24), "2.6.2", "retention"),
    ("differential_backup", Delay.days(8), "2.6.2", "retention"),
    ("weekly_full_backup", Delay.days(15), "2.6.2", "retention"),
    ("monthly_full_backup", Delay.days(93), "2.6.2", "retention"),
    ("referent_data", Delay.years(3), "6.5.9.1", "retention"),
    ("support_data", Delay.years(2), "6.5.9.2", "retention"),
    ("hosting_data_destruction", Delay.working_days(30), "6.5.9.4", "deadline"),
    ("data_return", Delay.working_days(30), "6.5.9", "deadline"),
    ("return_confirmation", Delay.working_days(30), "6.5.9", "deadline"),
    ("destruction_confirmation", Delay.working_days(7), "6.5.9", "deadline"),
    ("breach_notification", Delay.hours(48), "6.5.6", "deadline"),
    ("subprocessor_objection", Delay.working_days(30), "6.6", "deadline"),
    ("regulatory_maintenance", Delay.months(3), "3.3", "deadline"),
]


def test_the_table_has_every_row_of_the_contract_in_order() -> None:
    assert list(TABLE) == [row[0] for row in ROWS] == list(TABLE.keys())
    assert [rule.key for rule in TABLE.values()] == [row[0] for row in ROWS]
    assert RETENTION_RULES == TABLE
    assert (TABLE.destruction, TABLE.support_data_from) == ("after_return", "contract_end")


@pytest.mark.parametrize(("key", "delay", "clause", "nature"), ROWS)
def test_each_row(key: str, delay: Delay, clause: str, nature: str) -> None:
    rule = TABLE[key]
    assert (rule.key, rule.delay, rule.clause, rule.nature) == (key, delay, clause, nature)
    assert rule.delay.counting == "civil"
    assert rule.label
    assert rule.label_en
    assert rule.from_event
    assert rule.from_event_en
    assert rule.label != rule.label_en


@pytest.mark.parametrize(
    ("key", "fr", "en"),
    [
        ("breach_notification",
         "notification d'une violation de données personnelles\u00a0: 48 heures à compter de la "
         "connaissance de la violation (§6.5.6)",
         "notification of a personal-data breach: 48 hours from knowledge of the breach (§6.5.6)"),
        ("hosting_data_destruction",
         "destruction de toutes les copies des données d'hébergement\u00a0: 30 jours ouvrés à "
         "compter de la fin du contrat, sans reconduction (§6.5.9.4)",
         "every copy of the hosting data destroyed: 30 working days from the end of the "
         "contract, without renewal (§6.5.9.4)"),
        ("exchanges",
         "conservation des échanges sur la plate-forme\u00a0: 6 mois à compter de l'échange (§2.2)",
         "exchanges kept on the platform: 6 months from the exchange (§2.2)"),
    ],
)  # fmt: skip
def test_a_row_in_words(key: str, fr: str, en: str) -> None:
    assert TABLE[key].to_text() == fr
    assert TABLE[key].to_text(lang="en") == en


def test_records_are_the_rows_fields() -> None:
    records = TABLE.to_records()
    assert len(records) == 14 == len(TABLE)
    assert records[11] == {
        "key": "breach_notification",
        "label": "notification d'une violation de données personnelles",
        "label_en": "notification of a personal-data breach",
        "amount": 48,
        "unit": "hours",
        "from_event": "la connaissance de la violation",
        "from_event_en": "knowledge of the breach",
        "clause": "6.5.6",
        "nature": "deadline",
    }
    assert TABLE["exchanges"].to_records() == [records[0]]


def test_report_in_french_and_english() -> None:
    text = TABLE.to_text()
    lines = text.splitlines()
    assert lines[0] == "Durées de conservation et délais (14 lignes)"
    assert lines[1].split() == ["objet", "durée", "à", "compter", "de", "clause"]
    assert "48 heures" in text
    assert "hours" not in text
    assert "backup" not in text
    english = TABLE.to_text(lang="en")
    assert english.splitlines()[0] == "Retention periods and time limits (14 rows)"
    assert english.splitlines()[1].split() == ["what", "period", "from", "clause"]
    assert "30 working days" in english
    assert "jours" not in english
    assert "ouvrés" not in english
    assert str(TABLE) == text
    html = TABLE._repr_html_()
    assert html.startswith("<table><caption>Durées de conservation et délais (14 lignes)</caption>")
    assert html.count("<tr>") == 15
    assert "l&#x27;échange" in html
    english_html = TABLE.to_html(lang="en")
    assert "referents&#x27; personal data" in english_html
    assert "jours" not in english_html
    assert repr(TABLE).startswith("RetentionTable(rules=(RetentionRule(key='exchanges', ")


def test_headline_counts_rows() -> None:
    one = RetentionTable(rules=(TABLE["exchanges"],))
    assert one.headline() == "Durées de conservation et délais (1 ligne)"
    assert one.headline(lang="en") == "Retention periods and time limits (1 row)"
    assert one.to_text() == (
        "Durées de conservation et délais (1 ligne)\n"
        "objet                                         durée   à compter de  clause\n"
        "conservation des échanges sur la plate-forme  6 mois  l'échange     §2.2"
    )


def test_a_table_is_a_read_only_mapping() -> None:
    assert "exchanges" in TABLE
    assert "nope" not in TABLE
    assert 3 not in TABLE  # type: ignore[comparison-overlap]
    assert TABLE.get("nope") is None
    assert dict(TABLE)["exchanges"] is TABLE["exchanges"]
    with pytest.raises(TypeError):
        TABLE._by_key["x"] = TABLE["exchanges"]  # type: ignore[index]


def test_an_unknown_module_attribute_is_named() -> None:
    import libriciel_terms.retention as retention

    assert retention.RETENTION_RULES == TABLE
    with pytest.raises(
        AttributeError, match=r"^module 'libriciel_terms.retention' has no attribute 'NOPE'$"
    ):
        retention.NOPE  # noqa: B018


# --------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("known_at", "due"),
    [
        # DST starts on the night of 29–30 March 2025: 49 wall-clock hours.
        (paris(2025, 3, 28, 16, 0), paris(2025, 3, 30, 17, 0)),
        # DST ends on the night of 25–26 October 2025: 47 wall-clock hours.
        (paris(2025, 10, 24, 16, 0), paris(2025, 10, 26, 15, 0)),
        # Starting inside the repeated hour (second 02:30, winter time).
        (paris(2025, 10, 26, 2, 30).replace(fold=1), paris(2025, 10, 28, 2, 30)),
        (paris(2025, 10, 26, 2, 30), paris(2025, 10, 28, 1, 30)),
        (paris(2025, 6, 2, 10, 0), paris(2025, 6, 4, 10, 0)),
        # An instant given in UTC comes back in the schedule's zone.
        (dt.datetime(2025, 3, 28, 15, 0, tzinfo=UTC), paris(2025, 3, 30, 17, 0)),
    ],
)
def test_hours_are_elapsed(known_at: dt.datetime, due: dt.datetime) -> None:
    result = deadline("breach_notification", known_at)
    assert isinstance(result, dt.datetime)
    assert result.tzinfo == PARIS
    assert result.replace(tzinfo=None) == due.replace(tzinfo=None)
    assert result.utcoffset() == due.utcoffset()


@given(aware_datetimes())
def test_48_hours_are_48_elapsed_hours(known_at: dt.datetime) -> None:
    due = TABLE["breach_notification"].deadline(known_at, hours=HOURS)
    assert due.astimezone(UTC) - known_at.astimezone(UTC) == dt.timedelta(hours=48)


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
    assert exchange_purge_date(start, table=TABLE, hours=HOURS) == due


def test_exchange_purge_keeps_the_wall_clock_time_across_dst() -> None:
    purged = exchange_purge_date(paris(2025, 1, 31, 10, 0), table=TABLE, hours=HOURS)
    assert purged == paris(2025, 7, 31, 10, 0)
    assert purged.utcoffset() == dt.timedelta(hours=2)


@pytest.mark.parametrize(
    ("key", "start", "due"),
    [
        # A backup taken Sat 2025-03-22 23:00 and kept 15 days.
        ("weekly_full_backup", paris(2025, 3, 22, 23, 0), paris(2025, 4, 6, 23, 0)),
        ("differential_backup", paris(2025, 10, 20, 23, 0), paris(2025, 10, 28, 23, 0)),
        ("monthly_full_backup", paris(2025, 1, 1, 23, 0), paris(2025, 4, 4, 23, 0)),
        ("referent_data", paris(2028, 2, 29, 12, 0), paris(2031, 2, 28, 12, 0)),
        # An instant in the gap of the spring night is read one hour later (03:30).
        ("differential_backup", paris(2025, 3, 22, 2, 30), paris(2025, 3, 30, 3, 30)),
    ],
)
def test_calendar_days_keep_the_wall_clock(key: str, start: dt.datetime, due: dt.datetime) -> None:
    result = deadline(key, start)
    assert isinstance(result, dt.datetime)
    assert result.replace(tzinfo=None) == due.replace(tzinfo=None)
    assert result.utcoffset() == due.utcoffset()


def test_fifteen_days_across_dst_are_359_elapsed_hours() -> None:
    due = TABLE["weekly_full_backup"].deadline(paris(2025, 3, 22, 23, 0), hours=HOURS)
    assert due.astimezone(UTC) - paris(2025, 3, 22, 23, 0).astimezone(UTC) == dt.timedelta(
        hours=15 * 24 - 1
    )


def test_years_clip_the_29th_of_february() -> None:
    assert deadline("support_data", D(2028, 2, 29)) == D(2030, 2, 28)
    assert deadline("referent_data", D(2028, 2, 29)) == D(2031, 2, 28)


@pytest.mark.parametrize(
    ("key", "start", "due"),
    [
        ("hosting_data_destruction", D(2028, 8, 31), D(2028, 10, 12)),
        ("hosting_data_destruction", D(2025, 10, 31), D(2025, 12, 15)),  # 11 November skipped
        ("subprocessor_objection", D(2025, 4, 30), D(2025, 6, 17)),  # 1, 8, 29 May, 9 June
        ("destruction_confirmation", D(2024, 12, 21), D(2025, 1, 2)),  # Sat; 25 Dec, 1 Jan
    ],
)
def test_working_days(key: str, start: dt.date, due: dt.date) -> None:
    assert deadline(key, start) == due == slow_add_working_days(start, TABLE[key].delay.amount)


@given(dates(D(2024, 1, 1), D(2028, 12, 31)))
def test_working_day_rows_match_a_day_by_day_walk(start: dt.date) -> None:
    assert deadline("hosting_data_destruction", start) == slow_add_working_days(start, 30)
    assert deadline("destruction_confirmation", start) == slow_add_working_days(start, 7)


@given(paris_datetimes(dt.datetime(2024, 1, 1), dt.datetime(2028, 12, 31)))
def test_working_days_from_an_instant_end_at_the_business_close(start: dt.datetime) -> None:
    due = deadline("data_return", start)
    assert isinstance(due, dt.datetime)
    assert due.date() == slow_add_working_days(start.astimezone(PARIS).date(), 30)
    assert (due.hour, due.minute, due.tzinfo) == (18, 0, PARIS)


def test_a_custom_calendar_changes_working_days() -> None:
    hours = BusinessHours.weekly(
        {d: [("09:00", "12:00"), ("14:00", "18:00")] for d in range(5)},
        holidays=ExplicitHolidays.of([D(2028, 9, 1)]),
    )
    assert deadline("hosting_data_destruction", D(2028, 8, 31), hours) == D(2028, 10, 13)


def test_results_come_back_in_the_schedules_zone() -> None:
    """Regression: the results were converted to Europe/Paris whatever the schedule's zone."""
    tokyo = ZoneInfo("Asia/Tokyo")
    hours = BusinessHours.weekly(
        {d: [("09:00", "18:00")] for d in range(5)}, zone=tokyo, holidays=ExplicitHolidays.of(())
    )
    breach = deadline("breach_notification", paris(2025, 3, 28, 16, 0), hours)
    assert breach == dt.datetime(2025, 3, 31, 0, 0, tzinfo=tokyo)
    assert isinstance(breach, dt.datetime)
    assert breach.tzinfo == tokyo
    # Calendar days on the Tokyo date: 2025-03-23 07:00 there, plus 15 days.
    kept = deadline("weekly_full_backup", paris(2025, 3, 22, 23, 0), hours)
    assert kept == dt.datetime(2025, 4, 7, 7, 0, tzinfo=tokyo)
    # Working days end when that schedule's day closes, in its zone.
    returned = deadline("data_return", paris(2028, 6, 1, 10, 0), hours)
    assert returned == dt.datetime(2028, 7, 13, 18, 0, tzinfo=tokyo)


def test_the_function_form() -> None:
    assert retention_deadline(TABLE["support_data"], D(2028, 8, 31), hours=HOURS) == D(2030, 8, 31)
    assert retention_deadline(TABLE["exchanges"], paris(2025, 1, 31, 10, 0), hours=HOURS) == (
        paris(2025, 7, 31, 10, 0)
    )
    row = RetentionRule(
        key="mine", label="à moi", label_en="mine", delay=Delay.days(1),
        from_event="l'événement", from_event_en="the event", clause="9.9", nature="deadline",
    )  # fmt: skip
    assert TABLE.deadline(row, D(2025, 1, 1), hours=HOURS) == D(2025, 1, 2)


# --------------------------------------------------------------------------- refusals


def rule_kwargs(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "key": "x", "label": "x", "label_en": "x", "delay": Delay.days(1), "from_event": "x",
        "from_event_en": "x", "clause": "1", "nature": "deadline",
    }  # fmt: skip
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (rule_kwargs(delay=30), WrongTypeError, r"delay=30 is a int, not a Delay; pass e\.g\. Delay\.working_days\(30\)"),
        (rule_kwargs(delay="30 jours"), WrongTypeError, "delay='30 jours' is a str, not a Delay"),
        (rule_kwargs(delay=Delay.business_hours(4)), InvalidArgumentError, "delay=4 h ouvrées is counted in business_hours, which no retention period uses"),
        (rule_kwargs(delay=Delay.ouvrable_days(4)), InvalidArgumentError, "counted in ouvrable_days"),
        (rule_kwargs(key=""), InvalidArgumentError, "key='' is empty"),
        (rule_kwargs(label=None), WrongTypeError, "label=None is a NoneType, not a str"),
        (rule_kwargs(label_en="a\nb"), InvalidArgumentError, "label_en='a\\\\nb' holds a line break"),
        (rule_kwargs(from_event=1), WrongTypeError, "from_event=1"),
        (rule_kwargs(from_event_en=" "), InvalidArgumentError, "from_event_en=' ' is empty"),
        (rule_kwargs(clause=6.5), WrongTypeError, "clause=6.5"),
        (rule_kwargs(nature="keep"), InvalidArgumentError, "nature='keep' is not one of 'retention', 'deadline'"),
    ],
)  # fmt: skip
def test_rule_refusals(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        RetentionRule(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"rules": "abc"}, WrongTypeError, "rules='abc' is a str, not an iterable of RetentionRule"),
        ({"rules": [1]}, WrongTypeError, r"rules\[0\]=1 is a int, not RetentionRule"),
        ({"rules": None}, WrongTypeError, "rules=None"),
        (
            {"rules": [TABLE["exchanges"], TABLE["exchanges"]]},
            InvalidArgumentError,
            "rules holds two rows with key='exchanges'; give each row its own key",
        ),
        ({"rules": (), "destruction": "never"}, InvalidArgumentError, "destruction='never' is not one of 'after_return', 'contract_end'"),
        ({"rules": (), "support_data_from": "ticket"}, InvalidArgumentError, "support_data_from='ticket' is not one of 'contract_end', 'record'"),
    ],
)  # fmt: skip
def test_table_refusals(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        RetentionTable(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: deadline("breach_notification", D(2025, 3, 28)), WrongTypeError,
         r"start=datetime\.date\(2025, 3, 28\) is a date, but 'breach_notification' runs 48 hours of elapsed time; pass an aware datetime, e\.g\. datetime\(2025, 3, 28, 16, 0"),
        (lambda: deadline("nope", D(2025, 3, 28)), UnknownKeyError,
         "key='nope' is not a row of the retention table; pass one of 'exchanges', 'incremental_backup'"),
        (lambda: TABLE[3], UnknownKeyError, "key=3 is not a row"),  # type: ignore[index]
        (lambda: TABLE[["x"]], UnknownKeyError, r"key=\['x'\] is not a row"),  # type: ignore[index]
        (lambda: retention_deadline("exchanges", D(2025, 3, 28), hours=HOURS), WrongTypeError,  # type: ignore[call-overload]
         r"rule='exchanges' is a str, not a RetentionRule; pass a row, e\.g\. table\[\"breach_notification\"\]"),
        (lambda: deadline("exchanges", "2025-03-28"), WrongTypeError, "start='2025-03-28' is a str, not a date"),
        (lambda: deadline("exchanges", dt.datetime(2025, 3, 28)), NaiveDatetimeError, "start=datetime.datetime"),
        (lambda: deadline("exchanges", D(9999, 8, 1)), OutOfRangeError, "outside the years 1–9999"),
        (lambda: deadline("exchanges", paris(9999, 8, 1, 0, 0)), OutOfRangeError, "outside the years 1–9999"),
        (lambda: deadline("hosting_data_destruction", D(2028, 8, 31), 7), WrongTypeError,  # type: ignore[arg-type]
         r"hours=7 is a int, not a BusinessHours; pass the contract's schedule, e\.g\. BusinessHours\.comelus\(\)"),
        (lambda: exchange_purge_date(D(2025, 1, 1), table={}, hours=HOURS), WrongTypeError,  # type: ignore[arg-type]
         r"table=\{\} is a dict, not a RetentionTable; pass the contract's table, e\.g\. RetentionTable\.comelus\(\)"),
        (lambda: exchange_purge_date(D(2025, 1, 1), table=TABLE, hours=None), WrongTypeError, "hours=None is a NoneType"),  # type: ignore[arg-type]
    ],
)  # fmt: skip
def test_refusals_are_terms_errors(call: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, TermsError)


def test_a_missing_key_is_a_key_error_too() -> None:
    with pytest.raises(KeyError):
        TABLE["nope"]


@given(
    st.sampled_from(list(TABLE)),
    st.one_of(
        st.dates(),
        st.datetimes(timezones=st.sampled_from([UTC, PARIS, ZoneInfo("Pacific/Kiritimati")])),
    ),
)
def test_extreme_starts_answer_or_refuse_quickly(key: str, start: dt.date) -> None:
    """Any date or instant of the calendar: an answer, or a TermsError (never a bare error)."""
    with contextlib.suppress(TermsError):
        TABLE.deadline(key, start, hours=HOURS)


def test_value_objects_pickle_and_are_frozen() -> None:
    assert pickle.loads(pickle.dumps(TABLE)) == TABLE
    assert pickle.loads(pickle.dumps(TABLE))["exchanges"] == TABLE["exchanges"]
    assert hash(pickle.loads(pickle.dumps(TABLE))) == hash(TABLE)
    with pytest.raises(AttributeError):
        TABLE.rules = ()  # type: ignore[misc]


def test_english_html() -> None:
    html = TABLE.to_html(lang="en")
    assert html.startswith(
        "<table><caption>Retention periods and time limits (14 rows)</caption><thead><tr>"
        "<th>what</th><th>period</th><th>from</th><th>clause</th></tr></thead>"
    )
    assert "<td>knowledge of the breach</td>" in html
    assert "<td>48 hours</td>" in html


@given(
    st.sampled_from(["hours", "days", "months", "years", "working_days"]),
    st.integers(min_value=0, max_value=100_000),
    st.one_of(st.dates(), st.datetimes(timezones=st.sampled_from([UTC, PARIS]))),
)
def test_huge_periods_answer_or_refuse_with_a_terms_error(
    unit: str, amount: int, start: dt.date
) -> None:
    """Regression (huge ``days=``-like periods): any period a Delay accepts, from any start."""
    rule = RetentionRule(
        key="x", label="x", label_en="x", delay=Delay(amount=amount, unit=unit),  # type: ignore[arg-type]
        from_event="x", from_event_en="x", clause="1", nature="retention",
    )  # fmt: skip
    try:
        due = rule.deadline(start, hours=HOURS)
    except TermsError:
        return
    if isinstance(start, dt.datetime):
        assert isinstance(due, dt.datetime)
        assert due.astimezone(UTC) >= start.astimezone(UTC) - dt.timedelta(hours=1)
    else:
        assert due >= start

"""The obligations calendar: contents, filters, records and iCalendar export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import (
    ContractTerm,
    EndBeforeStartError,
    InvalidArgumentError,
    Obligation,
    PriceList,
    WrongTypeError,
    obligations_calendar,
)

CALENDAR = obligations_calendar()


def test_every_kind_is_there_with_its_count() -> None:
    kinds = [o.kind for o in CALENDAR]
    assert kinds.count("invoice") == 16
    assert kinds.count("payment") == 16
    assert kinds.count("notice") == 3
    assert kinds.count("revision") == 3
    assert kinds.count("end_of_term") == 1
    assert kinds.count("data_protection") == 4
    assert [o.due_on for o in CALENDAR] == sorted(o.due_on for o in CALENDAR)


def test_known_obligations() -> None:
    notices = [o.due_on for o in CALENDAR.of_kind("notice")]
    assert notices == [dt.date(2025, 7, 1), dt.date(2026, 7, 1), dt.date(2027, 7, 1)]
    invoice = CALENDAR.of_kind("invoice").obligations[5]
    assert invoice.due_on == dt.date(2026, 2, 28)
    assert invoice.amount_ttc == Decimal("405.00")
    assert invoice.party == "titulaire"
    assert invoice.beneficiary == "acheteur"
    leap = [o.due_on for o in CALENDAR.of_kind("invoice")]
    assert dt.date(2028, 2, 29) in leap
    payment = CALENDAR.of_kind("payment").obligations[0]
    assert payment.due_on == dt.date(2024, 12, 30)  # 30 Nov + 30 days
    end = CALENDAR.of_kind("end_of_term").obligations[0]
    assert end.due_on == dt.date(2028, 8, 31)
    revision = CALENDAR.of_kind("revision").obligations[0]
    assert "M0 = 2024-08" in revision.note
    assert "2025-07" in revision.note


def test_later_receipt_moves_payments_only() -> None:
    later = obligations_calendar(payment_received_after_days=5)
    assert later.of_kind("payment").obligations[0].due_on == dt.date(2025, 1, 4)
    assert later.of_kind("invoice").to_records() == CALENDAR.of_kind("invoice").to_records()


def test_filters() -> None:
    window = CALENDAR.between(dt.date(2025, 6, 1), dt.date(2025, 9, 1))
    assert [(o.due_on, o.kind) for o in window] == [
        (dt.date(2025, 6, 30), "payment"),
        (dt.date(2025, 7, 1), "notice"),
        (dt.date(2025, 8, 31), "invoice"),
        (dt.date(2025, 9, 1), "revision"),
    ]
    assert all(o.party == "acheteur" for o in CALENDAR.for_party("acheteur"))
    assert len(CALENDAR.for_party("acheteur")) + len(CALENDAR.for_party("titulaire")) == len(
        CALENDAR
    )
    nxt = CALENDAR.next_after(dt.date(2028, 10, 1))
    assert nxt is not None
    assert (nxt.due_on, nxt.kind) == (dt.date(2028, 10, 12), "data_protection")
    assert CALENDAR.next_after(dt.date(2040, 1, 1)) is None


def test_records_and_html() -> None:
    records = CALENDAR.to_records()
    assert records[0]["due_on"] == dt.date(2024, 11, 30)
    assert set(records[0]) == {
        "due_on",
        "party",
        "beneficiary",
        "kind",
        "what",
        "amount_ttc",
        "clause",
        "note",
    }
    assert CALENDAR._repr_html_().startswith("<table>")


def test_ical_parses_back_with_one_event_per_obligation() -> None:
    text = CALENDAR.to_ical()
    parsed = icalendar.Calendar.from_ical(text)
    events = [c for c in parsed.walk() if c.name == "VEVENT"]
    assert len(events) == len(CALENDAR)
    first = events[0]
    assert first.decoded("dtstart") == dt.date(2024, 11, 30)
    assert first.decoded("dtend") == dt.date(2024, 12, 1)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert text == CALENDAR.to_ical()  # reproducible: no clock in DTSTAMP
    stamped = CALENDAR.to_ical(stamp=dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC))
    assert "DTSTAMP:20261126T100000Z" in stamped


def test_other_terms() -> None:
    term = ContractTerm(start=dt.date(2025, 1, 1), period_months=12, renewals=0, notice_months=2)
    calendar = obligations_calendar(term, PriceList.comelus_2024(), include_data_protection=False)
    assert [o.due_on for o in calendar.of_kind("invoice")] == [
        dt.date(2025, 3, 31),
        dt.date(2025, 6, 30),
        dt.date(2025, 9, 30),
        dt.date(2025, 12, 31),
    ]
    assert len(calendar.of_kind("notice")) == 0
    assert len(calendar.of_kind("data_protection")) == 0


@given(st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)), st.integers(0, 800))
def test_between_is_a_contiguous_slice(start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    inside = CALENDAR.between(start, end)
    assert all(start <= o.due_on <= end for o in inside)
    assert len(inside) == sum(start <= o.due_on <= end for o in CALENDAR)


def test_bad_input() -> None:
    with pytest.raises(EndBeforeStartError):
        CALENDAR.between(dt.date(2025, 2, 1), dt.date(2025, 1, 1))
    with pytest.raises(InvalidArgumentError, match="party="):
        CALENDAR.for_party("client")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="kind="):
        CALENDAR.of_kind("bill")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="term="):
        obligations_calendar("2024")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="day="):
        CALENDAR.next_after("2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="party="):
        Obligation(due_on=dt.date(2025, 1, 1), party="x", kind="notice", what="w", clause="c")  # type: ignore[arg-type]

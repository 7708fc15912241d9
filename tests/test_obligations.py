"""The obligations calendar: contents, filters, records and iCalendar export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import (
    COMELUS_2024,
    Contract,
    EndBeforeStartError,
    InvalidArgumentError,
    Obligation,
    WrongTypeError,
    load_contract,
    obligations_calendar,
)

CALENDAR = obligations_calendar(COMELUS_2024)
STAMP = dt.datetime(2024, 4, 19, tzinfo=dt.UTC)
EXAMPLE = load_contract(
    Path(__file__).parents[1] / "examples" / "contracts" / "iparapheur-exempleville-2025.toml"
)


def test_every_kind_is_there_with_its_count() -> None:
    kinds = [o.kind for o in CALENDAR]
    assert kinds.count("invoice") == 16
    assert kinds.count("payment") == 16
    assert kinds.count("notice") == 3
    assert kinds.count("revision") == 3
    assert kinds.count("end_of_term") == 1
    assert kinds.count("data_protection") == 4
    assert [o.due_on for o in CALENDAR] == sorted(o.due_on for o in CALENDAR)
    assert {o.contract for o in CALENDAR} == {COMELUS_2024.name}


def test_known_obligations() -> None:
    notices = [o.due_on for o in CALENDAR.of_kind("notice")]
    assert notices == [dt.date(2025, 7, 1), dt.date(2026, 7, 1), dt.date(2027, 7, 1)]
    invoice = CALENDAR.of_kind("invoice").obligations[5]
    assert invoice.due_on == dt.date(2026, 2, 28)
    assert invoice.amount_ttc == Decimal("405.00")
    assert invoice.party == "titulaire"
    assert invoice.beneficiary == "acheteur"
    assert invoice.to_text() == "Facture T2 2025-2026 (2025-12-01 → 2026-02-28)"
    assert invoice.to_text(lang="en") == "Invoice T2 2025-2026 (2025-12-01 → 2026-02-28)"
    leap = [o.due_on for o in CALENDAR.of_kind("invoice")]
    assert dt.date(2028, 2, 29) in leap
    payment = CALENDAR.of_kind("payment").obligations[0]
    assert payment.due_on == dt.date(2024, 12, 30)  # 30 Nov + 30 days
    assert "délai global de 30 jours" in payment.note
    end = CALENDAR.of_kind("end_of_term").obligations[0]
    assert end.due_on == dt.date(2028, 8, 31)
    assert end.note == "un texte du contrat indique le 2027-08-31 (C3)"
    revision = CALENDAR.of_kind("revision").obligations[0]
    assert "M0 = 2024-08" in revision.note
    assert "2025-07" in revision.note
    assert revision.what.startswith("Révision Syntec possible si l'acheteur l'impose")


def test_later_receipt_moves_payments_only() -> None:
    later = obligations_calendar(COMELUS_2024, payment_received_after_days=5)
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
    first = CALENDAR.first_of_each_kind(dt.date(2026, 11, 26))
    assert [(o.due_on, o.kind) for o in first][:3] == [
        (dt.date(2026, 11, 30), "invoice"),
        (dt.date(2026, 12, 30), "payment"),
        (dt.date(2027, 7, 1), "notice"),
    ]


def test_records_text_and_html() -> None:
    records = CALENDAR.to_records()
    assert records[0]["due_on"] == dt.date(2024, 11, 30)
    assert set(records[0]) == {
        "due_on",
        "contract",
        "party",
        "beneficiary",
        "kind",
        "what",
        "what_en",
        "amount_ttc",
        "clause",
        "note",
        "note_en",
    }
    text = CALENDAR.between(dt.date(2025, 7, 1), dt.date(2025, 7, 1)).to_text()
    assert text.splitlines()[0] == "1 obligation, du 2025-07-01 au 2025-07-01"
    assert text.splitlines()[2].split()[:3] == ["2025-07-01", "préavis", "acheteur"]
    english = CALENDAR.between(dt.date(2025, 7, 1), dt.date(2025, 7, 1)).to_text(lang="en")
    assert english.splitlines()[2].split()[:3] == ["2025-07-01", "notice", "buyer"]
    assert CALENDAR._repr_html_().startswith("<table><caption>43 obligations")


def test_ical_parses_back_with_one_event_per_obligation() -> None:
    text = CALENDAR.to_ical(stamp=STAMP)
    parsed = icalendar.Calendar.from_ical(text)
    events = [c for c in parsed.walk() if c.name == "VEVENT"]
    assert len(events) == len(CALENDAR)
    first = events[0]
    assert first.decoded("dtstart") == dt.date(2024, 11, 30)
    assert first.decoded("dtend") == dt.date(2024, 12, 1)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert text == CALENDAR.to_ical(stamp=STAMP)  # reproducible: no clock in DTSTAMP
    stamped = CALENDAR.to_ical(stamp=dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC))
    assert "DTSTAMP:20261126T100000Z" in stamped
    first_summary = str(events[0]["summary"])
    assert first_summary == (
        "ComElus 2024 — maintenance et hébergement — [titulaire] Facture T1 2024-2025 "
        "(2024-09-01 → 2024-11-30)"
    )
    with pytest.raises(InvalidArgumentError, match=r"name='a\\nb' holds a line break"):
        CALENDAR.to_ical(stamp=STAMP, name="a\nb")


def test_another_contract_has_its_own_calendar() -> None:
    calendar = obligations_calendar(EXAMPLE)
    # Half-yearly billing in advance from 2025-01-01, one 3-year period, no renewal.
    assert [o.due_on for o in calendar.of_kind("invoice")] == [
        dt.date(2025, 1, 1),
        dt.date(2025, 7, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 7, 1),
        dt.date(2027, 1, 1),
        dt.date(2027, 7, 1),
    ]
    assert {o.amount_ttc for o in calendar.of_kind("invoice")} == {Decimal("1584.00")}
    assert len(calendar.of_kind("notice")) == 0
    assert len(calendar.of_kind("revision")) == 0
    assert [o.due_on for o in calendar.of_kind("end_of_term")] == [dt.date(2027, 12, 31)]


@given(st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)), st.integers(0, 800))
def test_between_is_a_contiguous_slice(start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    inside = CALENDAR.between(start, end)
    assert all(start <= o.due_on <= end for o in inside)
    assert len(inside) == sum(start <= o.due_on <= end for o in CALENDAR)


def test_bad_input() -> None:
    with pytest.raises(EndBeforeStartError, match=r"end=datetime.date\(2025, 1, 1\) is before"):
        CALENDAR.between(dt.date(2025, 2, 1), dt.date(2025, 1, 1))
    with pytest.raises(InvalidArgumentError, match="party='client' is not one of"):
        CALENDAR.for_party("client")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="kind='bill' is not one of"):
        CALENDAR.of_kind("bill")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="contract='2024' is a str, not a Contract"):
        obligations_calendar("2024")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="day='2025-01-01' is a str, not a date"):
        CALENDAR.next_after("2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="party='x' is not one of"):
        Obligation(
            due_on=dt.date(2025, 1, 1), party="x", kind="notice", what="w", what_en="w", clause="c"
        )  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="note=123 is a int, not a str"):
        Obligation(
            due_on=dt.date(2025, 1, 1),
            party="acheteur",
            kind="notice",
            what="w",
            what_en="w",
            clause="c",
            note=123,
        )  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"amount_ttc=1\.5 is a float"):
        Obligation(
            due_on=dt.date(2025, 1, 1),
            party="acheteur",
            kind="notice",
            what="w",
            what_en="w",
            clause="c",
            amount_ttc=1.5,
        )  # type: ignore[arg-type]
    assert isinstance(COMELUS_2024, Contract)


def test_headlines_and_records_for_people_count_what_they_hold() -> None:
    from libriciel_terms import ObligationsCalendar

    one = ObligationsCalendar(obligations=CALENDAR.obligations[:1])
    due = one.obligations[0].due_on
    assert one.headline() == f"1 obligation, du {due} au {due}"
    assert one.headline(lang="en") == f"1 obligation, from {due} to {due}"
    empty = ObligationsCalendar(obligations=())
    assert (empty.headline(), empty.headline(lang="en")) == ("Aucune obligation", "No obligation")
    (record,) = one.display_records(lang="en")
    assert "contract" not in record
    assert record["amount_ttc"] == one.obligations[0].amount_ttc
    two = [attrs.evolve(CALENDAR.obligations[i], contract=name) for i, name in enumerate("ab")]
    records = ObligationsCalendar(obligations=two).display_records()
    assert [r["contract"] for r in records] == ["a", "b"]

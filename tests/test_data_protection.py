"""Tests of libriciel_terms.data_protection: named délais (§3.3, §6.5.6, §6.6), the pinned ComElus
accessors and the end-of-contract chain (§6.5.9), against a slow reference implementation."""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
import re
from typing import TypeVar
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms.data_protection import (
    ChainDeadline,
    EndOfContractChain,
    breach_notification_deadline,
    end_of_contract_chain,
    hosting_data_destruction_deadline,
    regulatory_maintenance_deadline,
    subprocessor_objection_deadline,
)
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    OutsideTermError,
    TermsError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours
from libriciel_terms.retention import RetentionTable
from tests.strategies import aware_datetimes, dates
from tests.test_retention import slow_add_working_days

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
D = dt.date
HOURS = BusinessHours.comelus()
TABLE = RetentionTable.comelus()
T = TypeVar("T")


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def chain_of(end: dt.date, **kwargs: object) -> EndOfContractChain:
    return end_of_contract_chain(end, table=TABLE, hours=HOURS, **kwargs)  # type: ignore[arg-type]


def dues(chain: EndOfContractChain) -> list[tuple[str, str]]:
    return [(d.key, d.due.isoformat()) for d in chain.deadlines]


# --------------------------------------------------------------------------- the pinned accessors


def test_hosting_data_destroyed_by_2028_10_12() -> None:
    assert hosting_data_destruction_deadline(D(2028, 8, 31)) == D(2028, 10, 12)
    assert hosting_data_destruction_deadline(D(2025, 10, 31)) == D(2025, 12, 15)


@pytest.mark.parametrize(
    ("known_at", "due"),
    [
        (paris(2025, 3, 28, 16, 0), paris(2025, 3, 30, 17, 0)),
        (paris(2025, 10, 24, 16, 0), paris(2025, 10, 26, 15, 0)),
        (dt.datetime(2025, 3, 28, 15, 0, tzinfo=UTC), paris(2025, 3, 30, 17, 0)),
    ],
)
def test_breach_notification_in_paris(known_at: dt.datetime, due: dt.datetime) -> None:
    result = breach_notification_deadline(known_at)
    assert result.tzinfo == PARIS
    assert (result.replace(tzinfo=None), result.utcoffset()) == (
        due.replace(tzinfo=None),
        due.utcoffset(),
    )


@given(aware_datetimes())
def test_breach_deadline_is_exactly_48_elapsed_hours(known_at: dt.datetime) -> None:
    due = breach_notification_deadline(known_at)
    assert due.astimezone(UTC) - known_at.astimezone(UTC) == dt.timedelta(hours=48)


@pytest.mark.parametrize(
    ("published", "due"),
    [(D(2025, 11, 30), D(2026, 2, 28)), (D(2027, 11, 30), D(2028, 2, 29)), (D(2025, 5, 31), D(2025, 8, 31))],
)  # fmt: skip
def test_regulatory_maintenance_three_months(published: dt.date, due: dt.date) -> None:
    assert regulatory_maintenance_deadline(published, table=TABLE, hours=HOURS) == due


@given(dates(D(2024, 1, 1), D(2028, 12, 31)))
def test_subprocessor_objection_matches_a_day_by_day_walk(start: dt.date) -> None:
    assert subprocessor_objection_deadline(start, table=TABLE, hours=HOURS) == (
        slow_add_working_days(start, 30)
    )
    assert hosting_data_destruction_deadline(start) == slow_add_working_days(start, 30)


def test_another_table_changes_the_named_delais() -> None:
    rows = [TABLE[k] for k in TABLE]
    short = RetentionTable(
        rules=[
            r if r.key != "subprocessor_objection" else
            attrs_evolve(r, delay=Delay.working_days(15))
            for r in rows
        ]
    )  # fmt: skip
    assert subprocessor_objection_deadline(D(2025, 1, 6), table=short, hours=HOURS) == D(
        2025, 1, 27
    )
    assert subprocessor_objection_deadline(D(2025, 1, 6), table=TABLE, hours=HOURS) == D(
        2025, 2, 17
    )


# --------------------------------------------------------------------------- the chain: examples


def test_chain_for_the_comelus_contract_without_a_return_request() -> None:
    chain = chain_of(D(2028, 8, 31))
    assert dues(chain) == [
        ("hosting_data_destruction", "2028-10-12"),
        ("destruction_confirmation", "2028-10-23"),
        ("support_data", "2030-08-31"),
        ("referent_data", "2031-08-31"),
    ]
    confirmation = chain["destruction_confirmation"]
    assert confirmation.assumed_start
    assert confirmation.from_date == D(2028, 10, 12)
    assert confirmation.from_event == "destruction"
    assert confirmation.party == "titulaire"
    assert confirmation.met is None
    assert chain["referent_data"].note == "relation_assumed"
    assert (chain.destruction, chain.support_data_from) == ("after_return", "contract_end")


def test_chain_with_an_early_request_keeps_the_destruction_deadline() -> None:
    chain = chain_of(
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
    chain = chain_of(D(2028, 8, 31), return_requested_on=D(2028, 8, 1))
    assert dues(chain)[:4] == [
        ("data_return", "2028-09-13"),
        ("return_confirmation", "2028-10-25"),  # the return taken on its last day
        ("hosting_data_destruction", "2028-10-26"),  # first working day after the délai
        ("destruction_confirmation", "2028-11-07"),  # 1 November skipped
    ]
    destruction = chain["hosting_data_destruction"]
    assert destruction.from_event == "confirmation_delay_expiry"
    assert destruction.assumed_start
    assert destruction.note == "after_return"
    assert destruction.notes(lang="en") == (
        "§6.5.9: destruction upon the confirmation (or once its period ran out), later than "
        "30 working days after the end (§6.5.9.4)",
    )
    assert "6.5.9.4" in destruction.notes()[0]
    assert "30 jours ouvrés" in destruction.notes()[0]


def test_chain_after_a_late_confirmation_destroys_on_the_confirmation() -> None:
    chain = chain_of(
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
    assert destruction.from_event == "confirmation"
    assert destruction.met is False  # destroyed four days after the confirmation
    confirmation = chain["destruction_confirmation"]
    assert (confirmation.from_date, confirmation.due) == (D(2028, 10, 24), D(2028, 11, 3))
    assert not confirmation.assumed_start


def test_an_early_confirmation_does_not_move_the_destruction() -> None:
    chain = chain_of(
        D(2028, 8, 31), return_requested_on=D(2028, 8, 1), returned_on=D(2028, 8, 2),
        confirmed_on=D(2028, 10, 12),
    )  # fmt: skip
    destruction = chain["hosting_data_destruction"]  # the confirmation is on the deadline itself
    assert (destruction.due, destruction.from_event, destruction.note) == (
        D(2028, 10, 12), "contract_end", "",
    )  # fmt: skip


def test_chain_contract_end_reading_flags_the_conflict() -> None:
    chain = chain_of(D(2028, 8, 31), return_requested_on=D(2028, 8, 1), destruction="contract_end")
    destruction = chain["hosting_data_destruction"]
    assert destruction.due == D(2028, 10, 12)
    assert (destruction.note, destruction.trigger_on) == ("conflict", D(2028, 10, 26))
    assert destruction.notes(lang="en") == (
        "conflict: the return procedure lets the contractor destroy only from 2028-10-26 "
        "(§6.5.9), after this deadline (§6.5.9.4)",
    )
    assert destruction.notes() == (
        "conflit\u00a0: la procédure de renvoi ne permet de détruire qu'à partir du 2028-10-26 "
        "(§6.5.9), après cette échéance (§6.5.9.4)",
    )
    assert chain.destruction == "contract_end"


def test_the_tables_reading_is_the_default_and_the_keyword_overrides_it() -> None:
    strict = RetentionTable(rules=TABLE.rules, destruction="contract_end")
    late = {"return_requested_on": D(2028, 8, 1)}
    chain = end_of_contract_chain(D(2028, 8, 31), table=strict, hours=HOURS, **late)  # type: ignore[arg-type]
    assert chain["hosting_data_destruction"].due == D(2028, 10, 12)
    chain = end_of_contract_chain(
        D(2028, 8, 31),
        table=strict,
        hours=HOURS,
        destruction="after_return",
        **late,  # type: ignore[arg-type]
    )
    assert chain["hosting_data_destruction"].due == D(2028, 10, 26)


def test_chain_commercial_relation_end() -> None:
    chain = chain_of(D(2028, 8, 31), commercial_relation_end=D(2029, 1, 31))
    assert chain["referent_data"].due == D(2032, 1, 31)
    assert chain["referent_data"].note == ""
    assert chain["referent_data"].from_date == D(2029, 1, 31)


# --------------------------------------------------------------------------- C23: §6.5.9.2


def test_c12_support_data_after_two_years_from_the_contracts_end() -> None:
    """« procéder à la destruction ou anonymisation […] après une durée de conservation de 2
    ans » (§6.5.9.2), under « Au terme de la prestation » (§6.5.9): from 2028-08-31, 2030-08-31."""
    row = chain_of(D(2028, 8, 31))["support_data"]
    assert (row.due, row.from_event, row.from_date, row.note) == (
        D(2030, 8, 31), "contract_end", D(2028, 8, 31), "",
    )  # fmt: skip


def test_c12_support_data_two_years_from_each_record() -> None:
    """The other reading: a ticket closed on 2025-03-10 is kept until 2027-03-10; without a
    record's date, the latest record (the contract's last day) gives the latest deadline."""
    row = chain_of(D(2028, 8, 31), support_data_from="record", support_recorded_on=D(2025, 3, 10))[
        "support_data"
    ]
    assert (row.due, row.from_event, row.from_date, row.assumed_start, row.note) == (
        D(2027, 3, 10), "support_record", D(2025, 3, 10), False, "support_from_record",
    )  # fmt: skip
    assert row.notes() == ("2 ans à compter de chaque enregistrement du support (lecture C23)",)
    assert row.notes(lang="en") == ("2 years from each support record (reading C23)",)
    latest = chain_of(D(2028, 8, 31), support_data_from="record")["support_data"]
    assert (latest.due, latest.assumed_start) == (D(2030, 8, 31), True)
    # The record comes first in the chain: due before the contract's own deadlines.
    chain = chain_of(D(2028, 8, 31), support_data_from="record", support_recorded_on=D(2025, 3, 10))
    assert next(iter(chain)) == "support_data"
    assert chain.support_data_from == "record"
    table = RetentionTable(rules=TABLE.rules, support_data_from="record")
    assert end_of_contract_chain(D(2028, 8, 31), table=table, hours=HOURS).support_data_from == (
        "record"
    )


# --------------------------------------------------------------------------- text and records


def test_chain_records() -> None:
    chain = chain_of(D(2028, 8, 31), return_requested_on=D(2028, 6, 1))
    records = chain.to_records()
    assert [r["due"] for r in records] == [d.due for d in chain.deadlines]
    assert records[0] == {
        "key": "data_return",
        "party": "titulaire",
        "from_event": "written_request",
        "from_date": D(2028, 6, 1),
        "assumed_start": False,
        "due": D(2028, 7, 17),
        "clause": "6.5.9",
        "done_on": None,
        "met": None,
        "note": "",
    }
    assert chain["data_return"].to_records() == [records[0]]


def test_chain_text_in_french_and_english() -> None:
    chain = chain_of(D(2028, 8, 31), return_requested_on=D(2028, 6, 1), returned_on=D(2028, 6, 20))
    lines = chain.to_text().splitlines()
    assert lines[0] == "Fin du contrat au 31 août 2028\u00a0: 6 échéances de protection des données"
    assert lines[1].split()[:3] == ["échéance", "qui", "obligation"]
    assert lines[2].split()[:3] == ["2028-07-17", "titulaire", "renvoyer"]
    assert "responsable de traitement" in lines[3]
    assert "oui" not in lines[3]
    assert lines[-1] == (
        "• cesser de conserver les données personnelles des référents\u00a0: relation "
        "commerciale supposée finir avec le contrat"
    )
    english = chain.to_text(lang="en").splitlines()
    assert english[0] == "End of the contract on 31 August 2028: 6 data-protection deadlines"
    assert english[1].split()[:3] == ["due", "who", "obligation"]
    assert english[3].split()[:4] == ["2028-08-02", "controller", "confirm", "receipt"]
    assert "contractor" in english[2]
    assert "titulaire" not in "\n".join(english)
    assert english[-1] == (
        "• stop keeping the referents' personal data: commercial relation taken to end with the "
        "contract"
    )
    html = chain._repr_html_()
    assert html.startswith("<table><caption>Fin du contrat au 31 août 2028")
    assert html.count("<tr>") == 7
    assert html.endswith("supposée finir avec le contrat</p>")
    assert str(chain) == chain.to_text()


def test_a_single_deadline_headline() -> None:
    chain = EndOfContractChain(
        contract_end=D(2028, 8, 31), deadlines=chain_of(D(2028, 8, 31)).deadlines[:1],
        destruction="after_return", support_data_from="contract_end",
    )  # fmt: skip
    assert (
        chain.headline()
        == "Fin du contrat au 31 août 2028\u00a0: 1 échéance de protection des données"
    )
    assert (
        chain.headline(lang="en")
        == "End of the contract on 31 August 2028: 1 data-protection deadline"
    )
    assert chain.to_text().splitlines()[-1].startswith("2028-10-12  titulaire  détruire")


@pytest.mark.parametrize(
    ("key", "fr", "en"),
    [
        ("data_return", "renvoyer les données personnelles (sur demande écrite)",
         "return the personal data (on written request)"),
        ("return_confirmation", "confirmer par écrit la bonne réception des données",
         "confirm receipt of the returned data in writing"),
        ("hosting_data_destruction", "détruire toutes les copies des données d'hébergement",
         "destroy every copy of the hosting data"),
        ("destruction_confirmation", "informer par écrit de la destruction",
         "confirm the destruction in writing"),
        ("support_data", "détruire ou anonymiser les données du support",
         "destroy or anonymise the support data"),
        ("referent_data", "cesser de conserver les données personnelles des référents",
         "stop keeping the referents' personal data"),
    ],
)  # fmt: skip
def test_obligations_in_words(key: str, fr: str, en: str) -> None:
    row = chain_of(D(2028, 8, 31), return_requested_on=D(2028, 6, 1))[key]
    assert (row.to_text(), row.to_text(lang="en")) == (fr, en)


@pytest.mark.parametrize(
    ("event", "fr", "en"),
    [
        ("contract_end", "la fin du contrat", "the end of the contract"),
        ("written_request", "la demande écrite", "the written request"),
        ("return", "le renvoi des données", "the return of the data"),
        ("confirmation", "la confirmation de la bonne réception", "the confirmation of receipt"),
        ("confirmation_delay_expiry", "l'expiration du délai de confirmation", "the end of the confirmation period"),
        ("destruction", "la destruction", "the destruction"),
        ("support_record", "l'enregistrement des données du support", "the support record"),
        ("commercial_relation_end", "la fin de la relation commerciale", "the end of the commercial relation"),
    ],
)  # fmt: skip
def test_events_and_parties_in_words(event: str, fr: str, en: str) -> None:
    row = attrs_evolve(chain_of(D(2028, 8, 31))["support_data"], from_event=event)
    assert (row.from_event_text(), row.from_event_text(lang="en")) == (fr, en)
    assert (row.party_text(), row.party_text(lang="en")) == ("titulaire", "contractor")
    controller = attrs_evolve(row, party="controller")
    assert (controller.party_text(), controller.party_text(lang="en")) == (
        "responsable de traitement",
        "controller",
    )


def attrs_evolve(row: T, **changes: object) -> T:
    return attrs.evolve(row, **changes)  # type: ignore[misc]


def test_explain() -> None:
    chain = chain_of(D(2028, 8, 31), return_requested_on=D(2028, 8, 1))
    assert chain["destruction_confirmation"].explain() == (
        "informer par écrit de la destruction\u00a0: au plus tard le 7 novembre 2028, 7 jours "
        "ouvrés à compter de la destruction (26 octobre 2028, date au plus tard) (§6.5.9)"
    )
    assert chain["hosting_data_destruction"].explain(lang="en") == (
        "destroy every copy of the hosting data: by 26 October 2028, upon the end of the "
        "confirmation period (26 October 2028, at the latest) (§6.5.9.4); §6.5.9: destruction "
        "upon the confirmation (or once its period ran out), later than 30 working days after "
        "the end (§6.5.9.4)"
    )
    assert chain["data_return"].explain(lang="en") == (
        "return the personal data (on written request): by 13 September 2028, 30 working days "
        "from the written request (1 August 2028) (§6.5.9)"
    )
    after = chain_of(D(2028, 8, 31), return_requested_on=D(2028, 8, 1), returned_on=D(2028, 8, 2),
                     confirmed_on=D(2028, 10, 20))["hosting_data_destruction"]  # fmt: skip
    assert after.explain().startswith(
        "détruire toutes les copies des données d'hébergement\u00a0: au plus tard le 20 octobre "
        "2028, dès la confirmation de la bonne réception (20 octobre 2028) (§6.5.9.4); §6.5.9"
    )


def test_the_obligations_calendar_reads_the_chain_in_french() -> None:
    from libriciel_terms import COMELUS_2024
    from libriciel_terms.obligations import obligations_calendar

    rows = obligations_calendar(COMELUS_2024).of_kind("data_protection").obligations
    assert [(o.what, o.note) for o in rows[::3]] == [
        ("détruire toutes les copies des données d'hébergement", ""),
        (
            "cesser de conserver les données personnelles des référents",
            "relation commerciale supposée finir avec le contrat",
        ),
    ]


# --------------------------------------------------------------------------- properties


def reference_chain(
    end: dt.date,
    requested: dt.date | None,
    returned: dt.date | None,
    confirmed: dt.date | None,
    destroyed: dt.date | None,
    relation_end: dt.date | None,
    recorded: dt.date | None,
    destruction: str,
    support: str,
) -> list[tuple[str, dt.date, dt.date]]:
    """The chain as §6.5.9 says it, step by step, without the library: (key, from, due)."""
    rows: list[tuple[str, dt.date, dt.date]] = []
    trigger = None
    if requested is not None:
        return_due = slow_add_working_days(requested, 30)
        rows.append(("data_return", requested, return_due))
        start = returned or return_due
        confirmation_due = slow_add_working_days(start, 30)
        rows.append(("return_confirmation", start, confirmation_due))
        trigger = confirmed or slow_add_working_days(confirmation_due, 1)
    due = slow_add_working_days(end, 30)
    if trigger is not None and trigger > due and destruction == "after_return":
        rows.append(("hosting_data_destruction", trigger, trigger))
    else:
        rows.append(("hosting_data_destruction", end, due))
    start = destroyed or rows[-1][2]
    rows.append(("destruction_confirmation", start, slow_add_working_days(start, 7)))
    start = end if support == "contract_end" else (recorded or end)
    rows.append(("support_data", start, start + relativedelta(years=2)))
    start = relation_end or end
    rows.append(("referent_data", start, start + relativedelta(years=3)))
    return sorted(rows, key=lambda row: row[2])


@st.composite
def chain_inputs(draw: st.DrawFn) -> dict[str, object]:
    end = draw(dates(D(2024, 9, 1), D(2028, 9, 30)))
    maybe = st.booleans()
    requested = end - dt.timedelta(days=draw(st.integers(0, 200))) if draw(maybe) else None
    returned = confirmed = None
    if requested is not None and draw(maybe):
        returned = requested + dt.timedelta(days=draw(st.integers(0, 80)))
        if draw(maybe):
            confirmed = returned + dt.timedelta(days=draw(st.integers(0, 80)))
    support = draw(st.sampled_from(["contract_end", "record"]))
    recorded = None
    if support == "record" and draw(maybe):
        recorded = end - dt.timedelta(days=draw(st.integers(0, 2000)))
    return {
        "end": end,
        "requested": requested,
        "returned": returned,
        "confirmed": confirmed,
        "destroyed": end + dt.timedelta(days=draw(st.integers(0, 120))) if draw(maybe) else None,
        "relation_end": end + dt.timedelta(days=draw(st.integers(-400, 400)))
        if draw(maybe)
        else None,
        "recorded": recorded,
        "destruction": draw(st.sampled_from(["after_return", "contract_end"])),
        "support": support,
    }


def run(inputs: dict[str, object]) -> EndOfContractChain:
    return chain_of(
        inputs["end"],  # type: ignore[arg-type]
        return_requested_on=inputs["requested"],
        returned_on=inputs["returned"],
        confirmed_on=inputs["confirmed"],
        destroyed_on=inputs["destroyed"],
        commercial_relation_end=inputs["relation_end"],
        support_recorded_on=inputs["recorded"],
        destruction=inputs["destruction"],
        support_data_from=inputs["support"],
    )


@given(chain_inputs())
def test_the_chain_matches_the_reference(inputs: dict[str, object]) -> None:
    chain = run(inputs)
    expected = reference_chain(*inputs.values())  # type: ignore[arg-type]
    assert [(d.key, d.from_date, d.due) for d in chain.deadlines] == expected


@given(chain_inputs())
def test_chain_properties(inputs: dict[str, object]) -> None:
    chain = run(inputs)
    end = inputs["end"]
    assert isinstance(end, dt.date)
    for item in chain.deadlines:
        assert item.due >= item.from_date
        assert item.met is (None if item.done_on is None else item.done_on <= item.due)
    assert [d.due for d in chain.deadlines] == sorted(d.due for d in chain.deadlines)
    assert len(chain) == (6 if inputs["requested"] else 4)
    destruction = chain["hosting_data_destruction"]
    assert destruction.due >= hosting_data_destruction_deadline(end)
    if inputs["destruction"] == "contract_end" or not inputs["requested"]:
        assert destruction.due == hosting_data_destruction_deadline(end)
    if inputs["requested"] and not inputs["confirmed"]:
        assert destruction.due > chain["return_confirmation"].due or destruction.due == (
            hosting_data_destruction_deadline(end)
        )
    if inputs["confirmed"] and inputs["destruction"] == "after_return":
        confirmed = inputs["confirmed"]
        assert isinstance(confirmed, dt.date)
        assert destruction.due == max(confirmed, hosting_data_destruction_deadline(end))
    if inputs["requested"]:
        assert chain["return_confirmation"].assumed_start is (inputs["returned"] is None)
    confirmation = chain["destruction_confirmation"]
    assert confirmation.assumed_start is (inputs["destroyed"] is None)
    assert confirmation.due == slow_add_working_days(confirmation.from_date, 7)
    assert (destruction.note == "conflict") is (
        destruction.trigger_on is not None and destruction.trigger_on > destruction.due
    )
    assert [d.key for d in chain.deadlines] == list(chain)


@given(
    dates(D(1, 1, 1), D(9999, 12, 31)),
    st.sampled_from(["after_return", "contract_end"]),
    st.integers(0, 10**6),
)
def test_extreme_dates_answer_or_refuse_with_a_terms_error(
    end: dt.date, destruction: str, days: int
) -> None:
    try:
        request = end - dt.timedelta(days=days)
    except OverflowError:
        request = None
    with contextlib.suppress(TermsError):
        run({
            "end": end, "requested": request, "returned": None, "confirmed": None,
            "destroyed": None, "relation_end": None, "recorded": None,
            "destruction": destruction, "support": "contract_end",
        })  # fmt: skip


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"return_requested_on": D(2028, 9, 1)}, OutsideTermError, r"return_requested_on=datetime\.date\(2028, 9, 1\) is after contract_end=datetime\.date\(2028, 8, 31\); the written request must come before the contract ends"),
        ({"returned_on": D(2028, 9, 1)}, InvalidArgumentError, r"returned_on=datetime\.date\(2028, 9, 1\) is given without return_requested_on; pass the date of the written request too"),
        ({"return_requested_on": D(2028, 8, 1), "confirmed_on": D(2028, 9, 1)}, InvalidArgumentError, "confirmed_on=datetime.date.2028, 9, 1. is given without returned_on; pass the return's date too"),
        ({"return_requested_on": D(2028, 8, 1), "returned_on": D(2028, 7, 1)}, EndBeforeStartError, "returned_on=datetime.date.2028, 7, 1. is before return_requested_on"),
        ({"return_requested_on": D(2028, 8, 1), "returned_on": D(2028, 8, 10), "confirmed_on": D(2028, 8, 9)}, EndBeforeStartError, "confirmed_on=datetime.date.2028, 8, 9. is before returned_on"),
        ({"destroyed_on": D(2028, 8, 30)}, EndBeforeStartError, "destroyed_on=datetime.date.2028, 8, 30. is before contract_end"),
        ({"destruction": "never"}, InvalidArgumentError, "destruction='never' is not one of 'after_return', 'contract_end'"),
        ({"support_data_from": "ticket"}, InvalidArgumentError, "support_data_from='ticket' is not one of 'contract_end', 'record'"),
        ({"support_recorded_on": D(2025, 1, 1)}, InvalidArgumentError, r"support_recorded_on=datetime\.date\(2025, 1, 1\) is used only when the 2 years run from each record; pass support_data_from='record' too"),
        ({"support_recorded_on": D(2028, 9, 1), "support_data_from": "record"}, OutsideTermError, r"support_recorded_on=datetime\.date\(2028, 9, 1\) is after contract_end"),
        ({"returned_on": "2028-09-01"}, WrongTypeError, "returned_on='2028-09-01' is a str, not a date"),
        ({"commercial_relation_end": dt.datetime(2029, 1, 1)}, WrongTypeError, "commercial_relation_end=datetime.datetime"),
        ({"hours": "comelus"}, WrongTypeError, "hours='comelus' is a str, not a BusinessHours; pass the contract's schedule"),
        ({"table": {}}, WrongTypeError, "table={} is a dict, not a RetentionTable"),
    ],
)  # fmt: skip
def test_chain_refusals(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    call = {"table": TABLE, "hours": HOURS, **kwargs}
    with pytest.raises(error, match=match):
        end_of_contract_chain(D(2028, 8, 31), **call)  # type: ignore[arg-type]


def test_a_table_without_a_row_the_chain_needs() -> None:
    partial = RetentionTable(rules=[TABLE["hosting_data_destruction"]])
    with pytest.raises(UnknownKeyError, match="key='destruction_confirmation' is not a row"):
        end_of_contract_chain(D(2028, 8, 31), table=partial, hours=HOURS)


def test_chain_unknown_key() -> None:
    with pytest.raises(
        UnknownKeyError,
        match="key='data_return' is not a deadline of this chain; pass one of 'hosting_data_destruction'",
    ):
        chain_of(D(2028, 8, 31))["data_return"]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: breach_notification_deadline(dt.datetime(2025, 3, 28, 16)), NaiveDatetimeError, "known_at="),
        (lambda: breach_notification_deadline(D(2025, 3, 28)), WrongTypeError, "known_at=datetime.date"),
        (lambda: hosting_data_destruction_deadline("2028-08-31"), WrongTypeError, "contract_end='2028-08-31'"),
        (lambda: hosting_data_destruction_deadline(D(2200, 12, 1)), OutOfRangeError, "year=2201"),
        (lambda: subprocessor_objection_deadline(None, table=TABLE, hours=HOURS), WrongTypeError, "received_on=None"),
        (lambda: subprocessor_objection_deadline(D(2025, 1, 1), table=None, hours=HOURS), WrongTypeError, "table=None"),
        (lambda: regulatory_maintenance_deadline(paris(2025, 1, 1, 0, 0), table=TABLE, hours=HOURS), WrongTypeError, "published_on="),
        (lambda: regulatory_maintenance_deadline(D(9999, 11, 1), table=TABLE, hours=HOURS), OutOfRangeError, "outside the years 1–9999"),
    ],
)  # fmt: skip
def test_refusals_are_terms_errors(call: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, TermsError)


def row_kwargs(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "key": "support_data", "party": "titulaire", "from_event": "contract_end",
        "from_date": D(2028, 8, 31), "assumed_start": False, "due": D(2030, 8, 31),
        "clause": "6.5.9.2", "delay": Delay.years(2),
    }  # fmt: skip
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (row_kwargs(party="buyer"), InvalidArgumentError, "party='buyer' is not one of 'titulaire', 'controller'"),
        (row_kwargs(from_event="end"), InvalidArgumentError, "from_event='end' is not one of"),
        (row_kwargs(assumed_start=1), WrongTypeError, "assumed_start=1"),
        (row_kwargs(due="2030-08-31"), WrongTypeError, "due='2030-08-31'"),
        (row_kwargs(delay="2 ans"), WrongTypeError, "delay='2 ans'"),
        (row_kwargs(note="conflit"), InvalidArgumentError, "note='conflit' is not one of"),
        (row_kwargs(done_on=1), WrongTypeError, "done_on=1"),
        (row_kwargs(key=""), InvalidArgumentError, "key='' is empty"),
    ],
)  # fmt: skip
def test_row_refusals(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        ChainDeadline(**kwargs)  # type: ignore[arg-type]


def test_chain_refuses_repeated_keys() -> None:
    row = ChainDeadline(**row_kwargs())  # type: ignore[arg-type]
    with pytest.raises(
        InvalidArgumentError, match=r"deadlines=\['support_data', 'support_data'\] repeat a key"
    ):
        EndOfContractChain(
            contract_end=D(2028, 8, 31), deadlines=(row, row), destruction="after_return",
            support_data_from="contract_end",
        )  # fmt: skip


def test_value_objects_pickle_and_are_frozen() -> None:
    chain = chain_of(D(2028, 8, 31), return_requested_on=D(2028, 8, 1))
    assert pickle.loads(pickle.dumps(chain)) == chain
    with pytest.raises(AttributeError):
        chain.contract_end = D(2029, 1, 1)  # type: ignore[misc]


def test_the_whole_chain_as_text_and_html() -> None:
    chain = chain_of(
        D(2028, 8, 31), return_requested_on=D(2028, 8, 1), returned_on=D(2028, 9, 20),
        confirmed_on=D(2028, 9, 21), destruction="contract_end",
    )  # fmt: skip
    cells = [re.split(r"\s{2,}", line) for line in chain.to_text().splitlines()[1:4]]
    assert cells == [
        ["échéance", "qui", "obligation", "à compter de", "depuis le", "clause", "fait le", "respecté"],
        ["2028-09-13", "titulaire", "renvoyer les données personnelles (sur demande écrite)",
         "la demande écrite", "2028-08-01", "§6.5.9", "2028-09-20", "non"],
        ["2028-10-12", "titulaire", "détruire toutes les copies des données d'hébergement",
         "la fin du contrat", "2028-08-31", "§6.5.9.4"],
    ]  # fmt: skip
    assert [line.split()[-2:] for line in chain.to_text().splitlines()].count(
        ["2028-09-21", "oui"]
    ) == 1
    english = chain.to_html(lang="en")
    assert english.startswith(
        "<table><caption>End of the contract on 31 August 2028: 6 data-protection deadlines"
        "</caption><thead><tr><th>due</th><th>who</th><th>obligation</th><th>from</th>"
        "<th>since</th><th>clause</th><th>done on</th><th>met</th></tr></thead>"
    )
    assert "<td>2028-09-20</td><td>no</td>" in english
    assert "<td>2028-09-21</td><td>yes</td>" in english
    conflict = chain_of(
        D(2028, 8, 31), return_requested_on=D(2028, 8, 1), returned_on=D(2028, 9, 20),
        destruction="contract_end",
    ).to_html(lang="en")  # fmt: skip
    assert "</table><p>destroy every copy of the hosting data: conflict: " in conflict
    assert "(§6.5.9.4)</p><p>stop keeping the referents" in conflict
    two = EndOfContractChain(
        contract_end=D(2028, 8, 31), deadlines=chain.deadlines[:2], destruction="contract_end",
        support_data_from="contract_end",
    )  # fmt: skip
    assert (
        two.headline()
        == "Fin du contrat au 31 août 2028\u00a0: 2 échéances de protection des données"
    )
    assert two.notes() == ()


def test_default_language_and_refused_languages() -> None:
    chain = chain_of(D(2028, 8, 31))
    assert chain.headline() == chain.headline(lang="fr")
    assert chain.notes() == chain.notes(lang="fr")
    for call in (chain.headline, chain.notes, chain.to_text, chain["support_data"].explain):
        with pytest.raises(InvalidArgumentError, match="lang='de' is not one of 'fr', 'en'"):
            call(lang="de")  # type: ignore[operator]


def test_a_conflict_note_goes_with_its_trigger() -> None:
    with pytest.raises(
        InvalidArgumentError, match="note='conflict' and trigger_on=None: a 'conflict' note needs"
    ):
        ChainDeadline(**row_kwargs(note="conflict"))  # type: ignore[arg-type]
    with pytest.raises(
        InvalidArgumentError, match=r"note='' and trigger_on=datetime\.date\(2028, 9, 1\)"
    ):
        ChainDeadline(**row_kwargs(trigger_on=D(2028, 9, 1)))  # type: ignore[arg-type]

"""Contracts as data: the bundled ComElus file, the file format, and bad files of every kind."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from libriciel_terms import (
    FRANCE,
    BusinessHours,
    ContractTerm,
    Delay,
    ExplicitHolidays,
    Priority,
    Target,
)
from libriciel_terms.comelus import COMELUS_2024
from libriciel_terms.contract import Contract
from libriciel_terms.errors import ContractFileError, UnknownKeyError
from libriciel_terms.files import bundled_text, load_contract
from libriciel_terms.termsheet import term_sheet

COMELUS_TEXT = bundled_text("comelus-2024")


def _problems(text: str) -> list[str]:
    with pytest.raises(ContractFileError) as caught:
        Contract.from_toml(text, source="x.toml")
    assert str(caught.value).splitlines()[0] == f"x.toml: {len(caught.value.problems)} problem" + (
        "s" if len(caught.value.problems) != 1 else ""
    )
    return [str(p) for p in caught.value.problems]


def _edit(old: str, new: str, text: str = COMELUS_TEXT, count: int = 1) -> str:
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


# -- the bundled file equals what the API returned before the contract was data ----------------------


def test_schedules_equal_the_former_presets() -> None:
    day = [("09:00", "12:00"), ("14:00", "18:00")]
    assert COMELUS_2024.schedules["interventions"] == BusinessHours.weekly(
        dict.fromkeys(range(5), day), name="PSG ComElus (§4.1)"
    )
    assert COMELUS_2024.schedules["portail_client"] == BusinessHours.weekly(
        {d: [("08:00", "24:00")] for d in range(7)},
        holidays=ExplicitHolidays.of(()),
        name="portail client (§4.1)",
    )
    assert COMELUS_2024.schedules["espace_client"] == BusinessHours.weekly(
        {d: [("09:00", "18:00")] for d in range(5)}, name="espace client (§2.5.1)"
    )
    assert COMELUS_2024.schedules["interventions"].holidays is FRANCE


def test_term_and_prices_equal_the_former_presets() -> None:
    assert COMELUS_2024.term == ContractTerm(
        start=dt.date(2024, 9, 1), period_months=12, renewals=3, notice_months=2
    )
    assert [(line.label, line.annual_ht) for line in COMELUS_2024.prices.lines] == [
        ("Utilisation du service", Decimal("650.00")),
        ("Volume transitant (20 To annuels)", Decimal("300.00")),
        ("Stockage", Decimal("150.00")),
        ("Support et helpdesk", Decimal("250.00")),
    ]
    assert COMELUS_2024.prices.vat_rate_percent == Decimal("20")
    assert COMELUS_2024.prices.annual.ht == Decimal("1350.00")


_TABLE_4_3 = [
    # priority, take charge (h), workaround (h), resolution (jours ouvrés) — Contract §4.3
    (Priority.BLOQUANT, 4, 8, 3),
    (Priority.MAJEUR, 8, 24, 5),
    (Priority.SERIEUX, 12, None, 15),
    (Priority.MINEUR, 36, None, 30),
]


def _figures(policy: object) -> set[tuple[object, ...]]:
    return {
        (row.priority, row.target, row.delay, row.counted_from, row.freezes)  # type: ignore[attr-defined]
        for row in policy.targets  # type: ignore[attr-defined]
    }


def test_sla_policies_carry_the_former_figures() -> None:
    expected = set()
    for priority, take, workaround, days in _TABLE_4_3:
        expected.add((priority, Target.TAKE_CHARGE, Delay.business_hours(take), "report", False))
        if workaround:
            expected.add(
                (priority, Target.WORKAROUND, Delay.business_hours(workaround), "report", False)
            )
        expected.add((priority, Target.RESOLUTION, Delay.working_days(days), "report", True))
    assert _figures(COMELUS_2024.sla) == expected
    assert COMELUS_2024.sla.name == "table 4.3"
    assert COMELUS_2024.sla.hours == COMELUS_2024.schedules["interventions"]
    section_2_7 = COMELUS_2024.policies["section_2_7"]
    assert (
        Priority.MAJEUR,
        Target.RESOLUTION,
        Delay.working_days(5),
        "workaround",
        True,
    ) in _figures(section_2_7)
    assert not any(row.priority == Priority.SERIEUX for row in section_2_7.targets)
    gtr = COMELUS_2024.hosting_gtr
    assert gtr is not None
    assert _figures(gtr) == {
        (p, Target.TAKE_CHARGE, Delay.business_hours(2), "report", False)
        for p in (Priority.BLOQUANT, Priority.MAJEUR)
    } | {
        (p, Target.RESTORE, Delay.business_hours(4), "take_charge", False)
        for p in (Priority.BLOQUANT, Priority.MAJEUR)
    }


def test_round_trip() -> None:
    text = COMELUS_2024.to_toml()
    assert Contract.from_toml(text) == COMELUS_2024
    assert Contract.from_toml(text).to_toml() == text


def test_load_contract_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "comelus.toml"
    path.write_text(COMELUS_TEXT, encoding="utf-8")
    assert load_contract(path) == COMELUS_2024
    path.write_bytes(b"\xef\xbb\xbf" + COMELUS_TEXT.encode())  # a byte-order mark is tolerated
    assert load_contract(str(path)) == COMELUS_2024
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(ContractFileError, match=r"expected a readable UTF-8 file"):
        load_contract(path)


def test_lookups() -> None:
    with pytest.raises(
        UnknownKeyError, match=r"schedule='psg' is not in this contract; use one of 'interventions'"
    ):
        COMELUS_2024.schedules["psg"]
    assert "interventions" in COMELUS_2024.schedules
    assert len(COMELUS_2024.policies) == 3


# -- one figure changed changes what depends on it -------------------------------------------------


def test_changing_vat() -> None:
    changed = Contract.from_toml(_edit('vat_percent = "20"', 'vat_percent = "5.5"'))
    assert changed.prices.annual.ttc == Decimal("1424.25")
    assert changed.term == COMELUS_2024.term
    assert changed.sla == COMELUS_2024.sla


def test_changing_notice() -> None:
    changed = Contract.from_toml(_edit('notice = "2 mois"', 'notice = "3 mois"'))
    assert changed.term.notice_deadline(dt.date(2025, 9, 1)) == dt.date(2025, 6, 1)
    assert changed.prices == COMELUS_2024.prices


def test_changing_a_take_charge_delay() -> None:
    changed = Contract.from_toml(
        _edit(
            'target = "prise_en_charge", delay = "4 heures ouvrées", clause = "§4.3"',
            'target = "prise_en_charge", delay = "6 heures ouvrées", clause = "§4.3"',
        )
    )
    reported = dt.datetime(2024, 10, 15, 10, tzinfo=dt.UTC)
    before = COMELUS_2024.sla.due(Priority.BLOQUANT, Target.TAKE_CHARGE, reported)
    after = changed.sla.due(Priority.BLOQUANT, Target.TAKE_CHARGE, reported)
    assert after == COMELUS_2024.schedules["interventions"].add(before, dt.timedelta(hours=2))
    assert changed.sla.due(Priority.MAJEUR, Target.TAKE_CHARGE, reported) == COMELUS_2024.sla.due(
        Priority.MAJEUR, Target.TAKE_CHARGE, reported
    )


def test_changing_the_holiday_calendar() -> None:
    changed = Contract.from_toml(_edit('holidays = "france"', 'holidays = "alsace_moselle"'))
    good_friday = dt.date(2025, 4, 18)
    assert not changed.schedules["interventions"].is_working_day(good_friday)
    assert COMELUS_2024.schedules["interventions"].is_working_day(good_friday)
    assert changed.schedules["espace_client"] == COMELUS_2024.schedules["espace_client"]


# -- bad files, each with its message ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "renewals = 3",
            "renewal = 3",
            'term.renewal = 3: expected no such key; did you mean "renewals"?',
        ),
        (
            'vat_percent = "20"',
            "vat_percent = 20.0",
            'prices.vat_percent = 20.0: expected a decimal in a string; a TOML float cannot hold a decimal exactly; write it in quotes, e.g. "20"',
        ),
        (
            'annual_ht = "650.00"',
            "annual_ht = 650",
            'prices.lines[0].annual_ht = 650: expected a decimal in a string; write it in quotes, e.g. "650"',
        ),
        (
            'vat_percent = "20"',
            'vat_percent = "120"',
            "prices.vat_percent = '120': expected a rate between 0 and 100",
        ),
        (
            'vat_percent = "20"',
            'vat_percent = "vingt"',
            "prices.vat_percent = 'vingt': expected a VAT rate written as a decimal in a string; pass e.g. '1350.00'",
        ),
        (
            'notice = "2 mois"',
            'notice = "12 mois"',
            "term.notice = '12 mois': expected a notice shorter than a period (1 an); a notice of a whole period or more leaves no time to renew",
        ),
        (
            'notice = "2 mois"',
            'notice = "2 semaines"',
            "term.notice = '2 semaines': expected a délai such as \"4 heures ouvrées\"; write a whole number and a unit: heures ouvrées,",
        ),
        (
            'period = "1 an"',
            'period = "365 jours"',
            'term.period = \'365 jours\': expected months or years ("1 an", "2 mois")',
        ),
        (
            "start = 2024-09-01",
            'start = "2024-09-01"',
            "term.start = '2024-09-01': expected a TOML date; write e.g. 2024-09-01",
        ),
        (
            'hours = ["09:00-12:00", "14:00-18:00"]',
            'hours = ["09:00-12:00", "18:00-14:00"]',
            "schedules.interventions.hours[1] = '18:00-14:00': expected a window that opens before it closes; window 18:00–14:00 is not within a day",
        ),
        (
            'hours = ["09:00-12:00", "14:00-18:00"]',
            'hours = ["09:00 12:00"]',
            "schedules.interventions.hours[0] = '09:00 12:00': expected a window \"HH:MM-HH:MM\"",
        ),
        (
            'days = "lundi-vendredi"',
            'days = "lundi-vendrdi"',
            "schedules.interventions.days = 'vendrdi': expected one of lundi | mardi",
        ),
        (
            'holidays = "france"',
            'holidays = "fr"',
            "schedules.interventions.holidays = 'fr': expected one of france | alsace_moselle | none | aucun",
        ),
        (
            'priority = "bloquant", target = "prise_en_charge"',
            'priority = "urgent", target = "prise_en_charge"',
            "sla.table_4_3.targets[0].priority = 'urgent': expected one of bloquant | majeur | serieux | mineur",
        ),
        (
            'schedule = "interventions"\nfreezes',
            'schedule = "psg"\nfreezes',
            "sla.table_4_3.schedule = 'psg': expected the name of a schedule of [schedules]; known: interventions, portail_client, espace_client",
        ),
        (
            'name = "section 2.7"',
            'name = "section 2.7"\ndefault = true',
            "sla.table_4_3.default, sla.section_2_7.default = 2: expected exactly one default policy; set default = true on exactly one [sla.<name>] table",
        ),
        ("default = true\n", "", "sla.<name>.default = 0: expected exactly one default policy"),
        (
            'hours = ["09:00-12:00", "14:00-18:00"]',
            'hours = ["09:00-14:00", "12:00-18:00"]',
            "schedules.interventions.hours = ('09:00-14:00', '12:00-18:00'): expected windows in order, not overlapping; Mon windows 09:00–14:00 and 12:00–18:00 overlap",
        ),
        (
            "schema = 1",
            "schema = 2",
            "schema = 2: expected schema = 1; this library reads schema 1 files",
        ),
        ('buyer = "Communauté', 'buyr = "Communauté', "contract.buyr = "),
    ],
)
def test_bad_file(old: str, new: str, message: str) -> None:
    problems = _problems(_edit(old, new))
    assert any(p.startswith(message) for p in problems), problems


def test_every_problem_at_once() -> None:
    text = _edit("renewals = 3", "renewal = 3")
    text = _edit('vat_percent = "20"', "vat_percent = 20.0", text)
    text = _edit('delay = "4 heures ouvrées"', 'delay = "4 semaines"', text)
    text = _edit('holidays = "none"', 'holidays = "aucune"', text)
    problems = _problems(text)
    assert problems[:3] == [
        "term.renewals: missing; expected a whole number; add renewals = …",
        'term.renewal = 3: expected no such key; did you mean "renewals"?',
        'prices.vat_percent = 20.0: expected a decimal in a string; a TOML float cannot hold a decimal exactly; write it in quotes, e.g. "20"',
    ]


def test_meaning_problems_are_all_reported() -> None:
    text = _edit('holidays = "none"', 'holidays = "aucune"')
    text = _edit('delay = "4 heures ouvrées"', 'delay = "4 semaines"', text)
    text = _edit('notice = "2 mois"', 'notice = "1 an"', text)
    problems = _problems(text)
    assert [p.split(" = ")[0] for p in problems] == [
        "schedules.portail_client.holidays",
        "sla.table_4_3.targets[0].delay",
        "term.notice",
    ]


def test_not_toml() -> None:
    assert _problems("schema = ") == [
        "(file) = None: expected valid TOML; Invalid value (at end of document)"
    ]
    with pytest.raises(
        ContractFileError, match=re.escape("(file) = 'bytes': expected TOML text (a str)")
    ):
        Contract.from_toml(b"schema = 1")  # type: ignore[arg-type]


def test_the_key_reference_page_is_up_to_date() -> None:
    """docs/contract-file.md holds the key table generated from the file model."""
    import importlib.util

    script = Path(__file__).parents[1] / "scripts" / "generate_contract_reference.py"
    spec = importlib.util.spec_from_file_location("generate_contract_reference", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.PAGE.read_text(encoding="utf-8")
    assert module.render(page) == page, "run scripts/generate_contract_reference.py (make data)"
    assert "| `sla.<name>.targets[].delay` | délai (string) | required |" in page


def _sections(contract: Contract) -> dict[str, object]:
    sheet = term_sheet(contract, as_of=dt.date(2025, 10, 1))
    return {section.key: (section.to_text(), section.to_data()) for section in sheet}


_EDITS = [
    # (old, new, the term-sheet sections and the calendar's kinds that must change, no other)
    (
        'vat_percent = "20"',
        'vat_percent = "5.5"',
        {"prices", "invoices", "unit_prices", "consistency", "upcoming"},
        {"invoice", "payment"},
    ),
    (
        'notice = "2 mois"',
        'notice = "3 mois"',
        {"periods", "consistency", "upcoming"},
        {"notice"},
    ),
    ('fixed_part = "0.15"', 'fixed_part = "0.125"', {"revision"}, set()),
    (
        'target = "prise_en_charge", delay = "4 heures ouvrées", clause = "§4.3"',
        'target = "prise_en_charge", delay = "6 heures ouvrées", clause = "§4.3"',
        {"sla", "sla_comparison"},
        set(),
    ),
    (
        'holidays = "france"',
        'holidays = "alsace_moselle"',
        {"hours"},  # the délais are the same; their due instants move (test above)
        set(),
    ),
]


def _calendar(contract: Contract) -> dict[str, list[dict[str, object]]]:
    kinds: dict[str, list[dict[str, object]]] = {}
    for record in contract.obligations().to_records():
        kinds.setdefault(str(record["kind"]), []).append(record)
    return kinds


@pytest.mark.parametrize(("old", "new", "sections", "kinds"), _EDITS, ids=lambda v: str(v)[:24])
def test_one_figure_changes_what_depends_on_it_and_nothing_else(
    old: str, new: str, sections: set[str], kinds: set[str]
) -> None:
    changed = Contract.from_toml(_edit(old, new))
    before, after = _sections(COMELUS_2024), _sections(changed)
    assert {key for key in before if before[key] != after[key]} == sections
    was, now = _calendar(COMELUS_2024), _calendar(changed)
    assert was.keys() == now.keys()
    assert {kind for kind in was if was[kind] != now[kind]} == kinds


def test_schedule_presets_are_the_bundled_contract_schedules() -> None:
    """The presets read only the file's [schedules] (no contract layer), through the same code."""
    assert BusinessHours.comelus() == COMELUS_2024.schedules["interventions"]
    assert BusinessHours.customer_portal() == COMELUS_2024.schedules["portail_client"]
    assert BusinessHours.production_customer_space() == COMELUS_2024.schedules["espace_client"]

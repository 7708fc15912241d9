"""The ``[readings]`` of a contract file: each key, both values, hand-computed (issue 14).

Every ambiguity of the text the audit found is a key of the file's ``[readings]`` table with the
template's default; the Contract applies it to the clause object it governs. Each case below
quotes the clause and computes both readings by hand; the numbers are those of the
contradictions page (docs/contradictions.md, C4, C12–C26).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import attrs
import pytest

from libriciel_terms import Contract, SlaReadings, late_termination
from libriciel_terms._contract_file import ReadingsSection
from libriciel_terms.comelus import COMELUS_2024
from libriciel_terms.data_protection import end_of_contract_chain
from libriciel_terms.errors import ContractFileError, InvalidArgumentError
from libriciel_terms.files import bundled_text
from libriciel_terms.sla import Priority, Target

PARIS = ZoneInfo("Europe/Paris")
TEXT = bundled_text("comelus-2024")
ANNUAL = Decimal("1350.00")


def read(**readings: str) -> Contract:
    """The bundled ComElus file with a ``[readings]`` table."""
    lines = "".join(f'{key} = "{value}"\n' for key, value in readings.items())
    return Contract.from_toml(f"{TEXT}\n[readings]\n{lines}")


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2024) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


# -- every key ---------------------------------------------------------------------------------

#: A value other than the default for every key of [readings].
OTHER = {
    "notice_reading": "end_of_calendar_year",
    "notice_event": "decided",
    "late_notice": "this_renewal",
    "notice_effect": "start_of_day",
    "balance_basis": "months",
    "prorata_first_of_month": "same_month",
    "revision_basis": "fixed_base",
    "revision_publication": "rule",
    "interest_day_count": "ACT/ACT",
    "availability_measured": "all_hours",
    "availability_planned": "removed_from_downtime",
    "availability_holidays": "included",
    "availability_planned_in_psg": "counted",
    "destruction": "contract_end",
    "support_data_from": "record",
    "backups_on_holidays": "skip",
    "simultaneous_backups": "separate",
    "quota_multiples": "binary",
    "sla_units": "calendar",
    "resolution_from": "workaround",
    "gtr_scope": "any_unavailability",
    "sla_holidays": "included",
}


def test_every_key_has_another_value_here() -> None:
    assert set(OTHER) == {f.name for f in attrs.fields(ReadingsSection)}


@pytest.mark.parametrize("key", sorted(OTHER))
def test_each_reading_is_read_kept_and_written_back(key: str) -> None:
    field = attrs.fields_dict(ReadingsSection)[key]
    assert field.metadata["clause"], key  # every reading cites its clause
    assert COMELUS_2024.readings()[key] == field.default
    contract = read(**{key: OTHER[key]})
    assert contract != COMELUS_2024
    readings = contract.readings()
    assert readings[key] == OTHER[key]
    assert [row.key for row in readings.rows if not row.is_default] == [key]
    assert Contract.from_toml(contract.to_toml()) == contract


def test_a_reading_that_is_not_one_of_its_values_is_refused_with_its_path() -> None:
    with pytest.raises(ContractFileError) as caught:
        read(gtr_scope="everything", sla_units="hours")
    text = str(caught.value)
    assert "readings.gtr_scope = 'everything': expected one of blocking_or_major | " in text
    assert "readings.sla_units = 'hours': expected one of business | calendar" in text


# -- C12, C13, C14: notice (§1.7, §1.9, decision) --------------------------------------------


def test_a_letter_received_on_the_anniversary_c12() -> None:
    """§1.9: "la résiliation prendra effet deux mois après la réception de la lettre […] avec
    émission d'une facture du solde dû pour la période entre le renouvellement et la fin des
    deux mois"."""
    received = dt.date(2025, 9, 1)
    default = late_termination(COMELUS_2024.term, received, ANNUAL)
    assert (default.outcome, default.effective_on) == ("timely", dt.date(2026, 8, 31))
    other = late_termination(read(late_notice="this_renewal").term, received, ANNUAL)
    # 1 September – 1 November 2025: 30 + 31 + 1 = 62 days; 1 350 × 62 / 365 = 229.315… → 229.32
    assert (other.outcome, other.effective_on, other.days_owed) == (
        "late",
        dt.date(2025, 11, 1),
        62,
    )
    assert other.balance == Decimal("229.32")


def test_the_decision_taken_or_the_letter_received_c13() -> None:
    """CP, §1.7: "si aucune décision écrite contraire n'est prise […] 2 mois avant la date
    anniversaire"; §1.9: "par lettre recommandée avec accusé de réception"."""
    received, decided = dt.date(2025, 7, 3), dt.date(2025, 6, 30)  # the deadline is 1 July
    default = late_termination(COMELUS_2024.term, received, ANNUAL, decided_on=decided)
    # late: 2 September – 3 September 2025 is 2 days beyond 31 August; 1 350 × 3 / 365 = 11.10
    assert (default.outcome, default.effective_on, default.balance) == (
        "late",
        dt.date(2025, 9, 3),
        Decimal("11.10"),
    )
    other = late_termination(
        read(notice_event="decided").term, received, ANNUAL, decided_on=decided
    )
    assert (other.outcome, other.effective_on, other.balance) == (
        "timely",
        dt.date(2025, 8, 31),
        Decimal("0.00"),
    )


def test_the_end_of_the_year_in_progress_c4_c14() -> None:
    """Decision: "au moins deux mois avant la fin de l'année en cours"."""
    renewal = dt.date(2026, 9, 1)
    assert COMELUS_2024.term.notice_deadline(renewal) == dt.date(2026, 7, 1)  # 1 Sept − 2 months
    contract_year = read(notice_reading="end_of_year").term
    assert contract_year.notice_deadline(renewal) == dt.date(2026, 6, 30)  # 31 Aug − 2 months
    calendar_year = read(notice_reading="end_of_calendar_year").term
    assert calendar_year.notice_deadline(renewal) == dt.date(2025, 10, 31)  # 31 Dec − 2 months
    assert calendar_year.ends_on(renewal) == dt.date(2025, 12, 31)


# -- C16, C17, C18, C21: the SLA policies -----------------------------------------------------


def test_the_units_of_section_2_7_c16() -> None:
    """§2.7: "prise en compte dans les 4 heures ouvrées […] proposition d'un correctif ou d'un
    contournement dans les 8 heures avec, en cas de contournement, prise en charge immédiate en
    maintenance pour résolution dans les 3 jours"."""
    friday, monday = at(12, 20, 16, 30), at(12, 23, 10)
    business = COMELUS_2024.policy("section_2_7")
    calendar = read(sla_units="calendar").policy("section_2_7")
    # business: 1 h 30 on Friday, then 9–12 and 14–17:30 on Monday = 8 h
    assert business.due(Priority.BLOQUANT, Target.WORKAROUND, friday) == at(12, 23, 17, 30)
    # 3 jours ouvrés after Monday: Tuesday 24, Thursday 26 (25 is a holiday), Friday 27
    assert business.due(Priority.BLOQUANT, Target.RESOLUTION, friday, event_at=monday) == at(
        12, 27, 18
    )
    # calendar: 16:30 + 8 h = Saturday 00:30; Monday 10:00 + 3 days = Thursday 10:00
    assert calendar.due(Priority.BLOQUANT, Target.WORKAROUND, friday) == at(12, 21, 0, 30)
    assert calendar.due(Priority.BLOQUANT, Target.RESOLUTION, friday, event_at=monday) == at(
        12, 26, 10
    )
    # « 4 heures ouvrées » says so: business time in both readings (1 h 30 + 2 h 30 on Monday)
    for policy in (business, calendar):
        assert policy.due(Priority.BLOQUANT, Target.TAKE_CHARGE, friday) == at(12, 23, 11, 30)
    # table 4.3 says « heures ouvrées et jours ouvrés » for itself: the reading leaves it alone
    assert read(sla_units="calendar").sla == COMELUS_2024.sla
    assert read(sla_units="calendar").policies == COMELUS_2024.policies  # as the file writes them


@pytest.mark.parametrize(
    ("reading", "due"),
    [("report", at(10, 18, 18)), ("workaround", at(10, 22, 18)), ("confirmation", at(10, 22, 18))],
)
def test_what_table_4_3_s_resolution_counts_from_c17(reading: str, due: dt.datetime) -> None:
    """Table 4.3, Niveau 0: "Proposition d'une solution de contournement dans les 8 heures et
    prise en charge immédiate en maintenance pour résolution dans les 3 jours, si le caractère
    bloquant est confirmé"."""
    policy = read(resolution_from=reading).sla
    event = None if reading == "report" else at(10, 17, 10)  # worked around, confirmed
    # from Tuesday 15: Wed 16, Thu 17, Fri 18; from Thursday 17: Fri 18, Mon 21, Tue 22
    assert policy.due(Priority.BLOQUANT, Target.RESOLUTION, at(10, 15, 10), event_at=event) == due
    # Sérieux has no condition: from the report in every reading (15 jours ouvrés)
    assert policy.due(Priority.SERIEUX, Target.RESOLUTION, at(10, 15, 10)) == at(11, 6, 18)
    if reading == "report":
        with pytest.raises(InvalidArgumentError, match="counts from the report"):
            policy.due(
                Priority.BLOQUANT, Target.RESOLUTION, at(10, 15, 10), event_at=at(10, 17, 10)
            )


def test_which_incidents_the_gtr_covers_c18() -> None:
    """§2.5.2: "En cas de constat d'indisponibilité d'un composant applicatif hébergé […] dans
    un délai de deux heures"; §2.8: "La GTR ne s'applique que pour un incident bloquant ou majeur
    ou à une coupure de service"."""
    narrow = COMELUS_2024.hosting_gtr
    wide = read(gtr_scope="any_unavailability").hosting_gtr
    assert narrow is not None
    assert wide is not None
    assert narrow.due(Priority.MINEUR, Target.TAKE_CHARGE, at(10, 16, 11)) is None
    # Wednesday 11:00 + 2 business hours: 11–12, 14–15
    assert wide.due(Priority.MINEUR, Target.TAKE_CHARGE, at(10, 16, 11)) == at(10, 16, 15)
    assert (len(narrow), len(wide)) == (4, 8)
    # the scope is the GTR's: the help-desk policies keep their rows
    assert read(gtr_scope="any_unavailability").sla == COMELUS_2024.sla


def test_holidays_in_the_psg_for_the_slas_c21() -> None:
    """§2.8: "une PSG de 5 jours par semaine […] du lundi au vendredi inclus"; §4.1: "exception
    faite des jours fériés légaux du titulaire"."""
    friday = at(11, 8, 17)  # 11 November 2024 is a Monday and a holiday
    excluded, included = COMELUS_2024, read(sla_holidays="included")
    assert excluded.hosting_gtr is not None
    assert included.hosting_gtr is not None
    # 17:00–18:00 on Friday, then 1 h: Tuesday 12 at 10:00, or Monday 11 at 10:00
    assert excluded.hosting_gtr.due(Priority.BLOQUANT, Target.TAKE_CHARGE, friday) == at(11, 12, 10)
    assert included.hosting_gtr.due(Priority.BLOQUANT, Target.TAKE_CHARGE, friday) == at(11, 11, 10)
    assert included.policy("section_2_7").hours.is_working_day(dt.date(2024, 11, 11))
    # table 4.3 lives under §4.1, which excludes the holidays in so many words
    assert included.sla == excluded.sla
    assert not included.sla.hours.is_working_day(dt.date(2024, 11, 11))


def test_sla_readings_are_a_value_of_the_contract() -> None:
    assert COMELUS_2024.sla_readings == SlaReadings()
    wide = attrs.evolve(COMELUS_2024, sla_readings=SlaReadings(scope="any_unavailability"))
    assert wide.readings()["gtr_scope"] == "any_unavailability"
    assert Contract.from_toml(wide.to_toml()) == wide
    with pytest.raises(InvalidArgumentError, match="units='hours' is not one of"):
        SlaReadings(units="hours")  # type: ignore[arg-type]


# -- C19–C22: availability (§2.5.1, §2.6.3, §2.8) ---------------------------------------------

OCTOBER = (at(10, 1, 0), at(11, 1, 0))
WEDNESDAY = (at(10, 16, 11), at(10, 16, 15, 30))  # 2 h 30 in the PSG: 11–12, 14–15:30
SATURDAY = (at(10, 19, 8), at(10, 19, 20))
PLANNED = (at(10, 16, 14), at(10, 16, 16))  # inside the PSG, against §2.6.3


def test_availability_over_the_psg_or_every_hour_c19() -> None:
    """§2.8: "un SLA de 98 % sur la PSG"; §2.5.1: "disponible 98 % du temps"."""
    outages = [WEDNESDAY, SATURDAY]
    psg = COMELUS_2024.availability.report(*OCTOBER, outages)
    # 23 weekdays × 7 h = 161 h; 2.5 h down: 1 − 2.5/161 = 98.447… %
    assert (psg.psg_time, psg.downtime) == (dt.timedelta(hours=161), dt.timedelta(hours=2.5))
    assert (psg.exact, psg.met) == (Fraction(317, 322), True)
    every = read(availability_measured="all_hours").availability.report(*OCTOBER, outages)
    # 31 × 24 + 1 (the autumn clock change) = 745 h; 4.5 + 12 = 16.5 h down: 97.785… %
    assert (every.psg_time, every.downtime) == (dt.timedelta(hours=745), dt.timedelta(hours=16.5))
    assert (every.exact, every.met) == (Fraction(1457, 1490), False)


def test_planned_work_out_of_the_downtime_or_of_the_measured_time_c20() -> None:
    """§2.5.1: "disponible 98 % du temps (hors montées de versions et opérations de maintenance
    planifiées)"."""
    both = COMELUS_2024.availability.report(*OCTOBER, [WEDNESDAY], planned=[PLANNED])
    # 14:00–15:30 is planned: 1 h down (11–12); 161 − 2 = 159 h measured
    assert (both.downtime, both.exact) == (dt.timedelta(hours=1), Fraction(158, 159))
    other = read(availability_planned="removed_from_downtime").availability
    down = other.report(*OCTOBER, [WEDNESDAY], planned=[PLANNED])
    assert (down.downtime, down.exact) == (dt.timedelta(hours=1), Fraction(160, 161))


def test_holidays_in_the_psg_for_availability_c21() -> None:
    november = (at(11, 1, 0), at(12, 1, 0))
    outage = [(at(11, 11, 10), at(11, 11, 12))]  # on the 11 November holiday
    excluded = COMELUS_2024.availability.report(*november, outage)
    # 21 weekdays, 2 holidays (1 and 11 November): 19 × 7 = 133 h, nothing down
    assert (excluded.psg_time, excluded.exact) == (dt.timedelta(hours=133), Fraction(1))
    included = read(availability_holidays="included").availability.report(*november, outage)
    assert (included.psg_time, included.exact) == (dt.timedelta(hours=147), Fraction(145, 147))


def test_planned_work_inside_the_psg_c22() -> None:
    """§2.6.3: "Les opérations de mise à niveau sont réalisées en dehors des PSG"."""
    excluded = COMELUS_2024.availability.report(*OCTOBER, [WEDNESDAY], planned=[PLANNED])
    counted = read(availability_planned_in_psg="counted").availability.report(
        *OCTOBER, [WEDNESDAY], planned=[PLANNED]
    )
    assert len(excluded.planned_in_psg) == len(counted.planned_in_psg) == 1  # flagged in both
    assert excluded.exact == Fraction(158, 159)
    assert counted.exact == Fraction(317, 322)  # the window excuses nothing: 2 h 30 of 161 h


# -- C23: §6.5.9.2 ---------------------------------------------------------------------------


def test_two_years_from_when_c23() -> None:
    """§6.5.9.2: "après une durée de conservation de 2 ans pour répondre à une obligation légale
    (recours juridique) ainsi que pour analyse et historique"."""
    end = COMELUS_2024.term.latest_end
    hours = COMELUS_2024.sla.hours
    chain = end_of_contract_chain(end, table=COMELUS_2024.retention, hours=hours)
    assert chain["support_data"].due == dt.date(2030, 8, 31)
    record = read(support_data_from="record").retention
    chain = end_of_contract_chain(
        end, table=record, hours=hours, support_recorded_on=dt.date(2025, 3, 10)
    )
    assert chain["support_data"].due == dt.date(2027, 3, 10)

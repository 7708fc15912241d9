"""Tests for libriciel_terms.sla: priorities, targets, policies, due instants, freezes and the
readings of §2.7, table 4.3 and the GTR (Contract §2.5.2, §2.7, §2.8, §4.3, §5.2.4.1)."""

from __future__ import annotations

import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    MissingEventError,
    NaiveDatetimeError,
    OutOfRangeError,
    TermsError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.holidays import FRANCE
from libriciel_terms.hours import BusinessHours
from libriciel_terms.sla import (
    Event,
    Priority,
    SlaPolicy,
    SlaTarget,
    Target,
    compare_policies,
    counted_from_text,
    merge_intervals,
    psg,
)
from tests.strategies import aware_datetimes

PARIS = ZoneInfo("Europe/Paris")
HOURS = BusinessHours.comelus()
COMELUS = SlaPolicy.comelus()
S27 = SlaPolicy.section_2_7()
GTR = SlaPolicy.hosting_gtr()
B, M, S, MI = Priority.BLOQUANT, Priority.MAJEUR, Priority.SERIEUX, Priority.MINEUR
TC, WA, RES, RST = Target.TAKE_CHARGE, Target.WORKAROUND, Target.RESOLUTION, Target.RESTORE


def typeset(text: str) -> str:
    """French typography written with plain spaces in the tests: « : », « ; », guillemets."""
    for plain, typographic in (
        (" :", "\u00a0:"),
        (" ;", "\u202f;"),
        ("« ", "«\u00a0"),
        (" »", "\u00a0»"),
    ):
        text = text.replace(plain, typographic)
    return text


def p(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


# -- the tables ------------------------------------------------------------------------------------

REPORT = p(2024, 10, 15, 10, 0)  # Tuesday


# -- the tables ------------------------------------------------------------------------------------

# Table 4.3 from Tue 2024-10-15 10:00 (1 and 11 November are holidays), computed by hand.
TABLE_4_3 = [
    (B, TC, p(2024, 10, 15, 16, 0)),
    (B, WA, p(2024, 10, 16, 11, 0)),
    (B, RES, p(2024, 10, 18, 18, 0)),
    (M, TC, p(2024, 10, 16, 11, 0)),
    (M, WA, p(2024, 10, 18, 15, 0)),
    (M, RES, p(2024, 10, 22, 18, 0)),
    (S, TC, p(2024, 10, 16, 17, 0)),
    (S, WA, None),
    (S, RES, p(2024, 11, 6, 18, 0)),
    (MI, TC, p(2024, 10, 22, 11, 0)),
    (MI, WA, None),
    (MI, RES, p(2024, 11, 28, 18, 0)),
    (B, RST, None),
]


@pytest.mark.parametrize(("priority", "target", "expected"), TABLE_4_3)
def test_table_4_3(priority: Priority, target: Target, expected: dt.datetime | None) -> None:
    assert COMELUS.due(priority, target, REPORT) == expected


@pytest.mark.parametrize(
    ("priority", "reported", "expected"),
    [
        (B, p(2024, 12, 20, 16, 30), p(2024, 12, 23, 11, 30)),  # RULES.md §1, 4 h
        (M, p(2024, 12, 20, 16, 30), p(2024, 12, 23, 17, 30)),  # 8 h
        (M, p(2024, 5, 8, 10, 0), p(2024, 5, 13, 10, 0)),  # 8 May and Ascension
        (MI, p(2025, 6, 2, 9, 0), p(2025, 6, 10, 10, 0)),  # 36 h, Whit Monday
        (B, p(2024, 10, 15, 12, 30), p(2024, 10, 15, 18, 0)),  # starts at the 14:00 opening
    ],
)
def test_take_charge_rules_examples(
    priority: Priority, reported: dt.datetime, expected: dt.datetime
) -> None:
    assert COMELUS.due(priority, TC, reported) == expected


SECTION_2_7 = [
    (B, TC, p(2024, 10, 15, 16, 0)),
    (M, TC, p(2024, 10, 15, 16, 0)),
    (S, TC, None),
    (MI, TC, p(2024, 10, 15, 16, 0)),
    (B, WA, p(2024, 10, 16, 11, 0)),
    (M, WA, p(2024, 10, 18, 15, 0)),
    (S, RES, None),
    (MI, WA, None),
    (MI, RES, p(2024, 11, 28, 18, 0)),
]


@pytest.mark.parametrize(("priority", "target", "expected"), SECTION_2_7)
def test_section_2_7(priority: Priority, target: Target, expected: dt.datetime | None) -> None:
    assert S27.due(priority, target, REPORT) == expected


def test_section_2_7_resolution_counts_from_the_workaround() -> None:
    workaround = p(2024, 10, 16, 11, 0)
    assert S27.due(B, RES, REPORT, event_at=workaround) == p(2024, 10, 21, 18, 0)
    assert S27.due(M, RES, REPORT, event_at=workaround) == p(2024, 10, 23, 18, 0)
    with pytest.raises(MissingEventError, match="workaround given"):
        S27.due(B, RES, REPORT)


def test_hosting_gtr() -> None:
    reported = p(2024, 10, 16, 11, 0)
    assert GTR.due(B, TC, reported) == p(2024, 10, 16, 15, 0)
    assert GTR.due(M, RST, reported, event_at=p(2024, 10, 16, 17, 0)) == p(2024, 10, 17, 12, 0)
    assert GTR.due(S, TC, reported) is None  # §2.8: blocking or major only
    with pytest.raises(MissingEventError, match="actual take-charge"):
        GTR.due(B, RST, reported)


def test_records_are_the_policy_table() -> None:
    rows = COMELUS.to_records()
    assert len(rows) == 10
    assert rows[2] == {
        "priority": "Niveau 0 - Bloquant",
        "target": "resolution",
        "delay": Delay.working_days(3),
        "counted_from": "report",
        "freezes": True,
        "condition": "si le caractère bloquant est confirmé",
        "clause": "§4.3, §5.2.4.1",
    }
    assert rows[2]["target"] is RES
    assert rows[2]["counted_from"] is Event.REPORT
    assert [str(r["delay"]) for r in S27.to_records() if r["target"] is TC] == ["4 h ouvrées"] * 3
    assert "<table>" in COMELUS._repr_html_()
    assert "C2" in COMELUS[M, RES].condition


def test_policy_text_in_both_languages() -> None:
    french = COMELUS.to_text()
    english = COMELUS.to_text(lang="en")
    assert french.splitlines()[0] == typeset(
        "Politique SLA « table 4.3 » : 10 objectifs, PSG ComElus (§4.1)"
    )
    assert english.splitlines()[0] == "SLA policy « table 4.3 »: 10 targets, PSG ComElus (§4.1)"
    assert "prise en charge (qualification)" in french
    assert "4 h ouvrées" in french
    assert "3 jours ouvrés" in french
    assert "signalement" in french
    assert "take charge (qualification)" in english
    assert "4 business hours" in english
    assert "3 working days" in english
    for word in ("business", "working", "report", "take charge", "yes"):
        assert word not in french
    for word in ("ouvrées", "ouvrés", "signalement", "objectif", "oui"):
        assert word not in english.replace("« table 4.3 »", "")
    assert english.splitlines()[1].split()[:3] == ["priority", "target", "time"]


def test_policy_is_a_mapping() -> None:
    assert COMELUS[B, TC].delay == Delay.business_hours(4)
    assert COMELUS[0, "take_charge"] is COMELUS[B, TC]
    assert list(COMELUS)[:3] == [(B, TC), (B, WA), (B, RES)]
    assert len(S27) == 8
    assert (S, TC) not in S27
    assert S27.get((S, TC)) is None
    assert COMELUS.get((B, RES)) is COMELUS.target(B, RES)
    with pytest.raises(
        UnknownKeyError, match=r"no délai for SERIEUX / TAKE_CHARGE; its rows: BLOQUANT/TAKE_CHARGE"
    ):
        S27[S, TC]
    with pytest.raises(KeyError):
        S27[S, TC]
    with pytest.raises(UnknownKeyError, match="not a \\(priority, target\\) pair"):
        COMELUS[B]  # type: ignore[index]


def test_policy_insides_cannot_be_edited() -> None:
    with pytest.raises(TypeError):
        COMELUS._by_key[(B, TC)] = COMELUS[B, RES]  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        COMELUS.name = "x"  # type: ignore[misc]
    assert COMELUS.due(B, TC, REPORT) == p(2024, 10, 15, 16, 0)


def test_compare_policies_lists_every_difference() -> None:
    diff = compare_policies(COMELUS, S27)
    got = {(d.priority, d.target): d.aspects for d in diff.differences}
    assert got == {
        (B, RES): ("counted from",),
        (M, TC): ("delay",),
        (M, RES): ("counted from",),
        (S, TC): ("presence",),
        (S, RES): ("presence",),
        (MI, TC): ("delay",),
    }
    assert COMELUS.compare(COMELUS).differences == ()
    records = diff.to_records()
    assert records[1] == {
        "priority": "Niveau 1 - Majeur",
        "target": "take_charge",
        "left_delay": Delay.business_hours(8),
        "left_counted_from": "report",
        "left_freezes": False,
        "right_delay": Delay.business_hours(4),
        "right_counted_from": "report",
        "right_freezes": False,
    }
    assert records[3]["right_delay"] is None
    assert records[3]["right_counted_from"] is None
    assert "<table>" in diff._repr_html_()
    assert diff.headline() == typeset("(1) « table 4.3 » et (2) « section 2.7 » : 6 différences")
    assert diff.headline(lang="en") == "(1) « table 4.3 » vs (2) « section 2.7 »: 6 differences"
    assert diff.notes(lang="en")[3] == (
        "Niveau 2 - Sérieux, take charge (qualification) (presence): 12 business hours from "
        "the report | —"
    )
    assert diff.notes()[0] == typeset(
        "Niveau 0 - Bloquant, résolution (point de départ) : 3 jours ouvrés à compter du "
        "signalement, gelé (§5.2.4.1) | 3 jours ouvrés à compter du contournement, gelé (§5.2.4.1)"
    )
    freezing = SlaPolicy(
        name="x", hours=HOURS, targets=[attrs.evolve(COMELUS[B, TC], freezes=True)]
    )
    assert compare_policies(freezing, COMELUS).differences[0].aspects == ("freezes",)
    with pytest.raises(WrongTypeError, match="right=1 is not an SlaPolicy"):
        compare_policies(COMELUS, 1)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="left='x' is not an SlaPolicy"):
        compare_policies("x", COMELUS)  # type: ignore[arg-type]


def test_policy_is_data() -> None:
    custom = SlaPolicy(
        name="custom",
        hours=HOURS,
        targets=[
            SlaTarget(
                priority=2,
                target="resolution",
                delay=Delay.working_days(2, counting="daily_hours"),
                freezes=True,
                clause="test",
            )
        ],
    )
    assert custom.due(2, "RESOLUTION", REPORT) == p(2024, 10, 17, 10, 0)
    assert pickle.loads(pickle.dumps(COMELUS)) == COMELUS
    assert pickle.loads(pickle.dumps(COMELUS)).due(B, TC, REPORT) == p(2024, 10, 15, 16, 0)
    assert hash(pickle.loads(pickle.dumps(S27))) == hash(S27)
    with pytest.raises(InvalidArgumentError, match="two rows for BLOQUANT / TAKE_CHARGE"):
        SlaPolicy(name="x", hours=HOURS, targets=list(COMELUS.targets[:1]) * 2)
    with pytest.raises(OutOfRangeError, match="an SLA délai must be positive"):
        SlaTarget(priority=0, target=TC, delay=Delay.business_hours(0), clause="x")
    with pytest.raises(WrongTypeError, match="delay='4h' is not a Delay"):
        SlaTarget(priority=0, target=TC, delay="4h", clause="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "error", "match"),
    [
        (
            lambda: SlaTarget(
                priority=0, target=TC, delay=Delay.business_hours(4), clause="x", freezes="yes"
            ),
            WrongTypeError,
            "freezes='yes'",
        ),
        (
            lambda: SlaTarget(priority=0, target=TC, delay=Delay.business_hours(4), clause=""),
            InvalidArgumentError,
            "clause='' is empty",
        ),
        (
            lambda: SlaTarget(
                priority=0,
                target=TC,
                delay=Delay.business_hours(4),
                clause="x",
                counted_from="never",
            ),
            InvalidArgumentError,
            "counted_from='never' is not one of",
        ),
        (
            lambda: SlaTarget(
                priority=0, target=TC, delay=Delay.business_hours(4), clause="x", condition=3
            ),
            WrongTypeError,
            "condition=3 is a int",
        ),
        (
            lambda: SlaTarget(priority=5, target=TC, delay=Delay.business_hours(4), clause="x"),
            OutOfRangeError,
            "priority=5 is not a priority level",
        ),
        (
            lambda: SlaTarget(priority=0, target="fix", delay=Delay.business_hours(4), clause="x"),
            WrongTypeError,
            "target='fix' is not a Target",
        ),
        (lambda: SlaPolicy(name=1, targets=(), hours=HOURS), WrongTypeError, "name=1 is a int"),
        (
            lambda: SlaPolicy(name="", targets=(), hours=HOURS),
            InvalidArgumentError,
            "name='' is empty",
        ),
        (
            lambda: SlaPolicy(name="x", targets=[1], hours=HOURS),
            WrongTypeError,
            r"targets\[0\]=1 is a int, not SlaTarget",
        ),
        (lambda: SlaPolicy(name="x", targets=3, hours=HOURS), WrongTypeError, "targets=3 is a int"),
        (
            lambda: SlaPolicy(name="x", targets=(), hours="comelus"),
            WrongTypeError,
            "hours='comelus'",
        ),
    ],
)
def test_constructors_refuse_junk(build: object, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        build()  # type: ignore[operator]


def test_priority_and_target_labels() -> None:
    assert [p.label for p in Priority] == [
        "Niveau 0 - Bloquant",
        "Niveau 1 - Majeur",
        "Niveau 2 - Sérieux",
        "Niveau 3 - Mineur",
    ]
    assert [int(p) for p in Priority] == [0, 1, 2, 3]
    assert TC.label == "prise en charge (qualification)"
    assert [t.to_text() for t in Target] == [
        "prise en charge (qualification)",
        "solution de contournement",
        "résolution",
        "rétablissement du service",
    ]
    assert [t.to_text(lang="en") for t in Target] == [
        "take charge (qualification)",
        "workaround",
        "resolution",
        "service restored",
    ]
    assert B.to_text(lang="en") == "Niveau 0 - Bloquant"  # the contract's own label
    assert [e.to_text() for e in Event] == [
        "signalement",
        "prise en charge",
        "contournement",
        "confirmation de la priorité",
        "résolution",
        "clôture",
    ]
    assert [e.to_text(lang="en") for e in Event] == [
        "report",
        "take-charge",
        "workaround",
        "confirmation of the priority",
        "resolution",
        "closing",
    ]
    assert counted_from_text("take_charge") == "à compter de la prise en charge"
    assert counted_from_text("confirmation", "en") == "from the confirmation of the priority"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Niveau 0 - Bloquant", B),
        ("niveau 0 bloquant", B),
        ("NIVEAU 0 – BLOQUANT", B),
        ("bloquant", B),
        ("Bloquant", B),
        ("P0", B),
        ("p1", M),
        ("0", B),
        (0, B),
        (3, MI),
        (B, B),
        ("Majeur", M),
        ("Niveau 1", M),
        ("level 1", M),
        ("1 - majeur", M),
        ("Sérieux", S),
        ("serieux", S),
        ("SERIEUX", S),
        ("Niveau 2 - Serieux", S),
        ("mineur", MI),
        ("blocking", B),
        ("major", M),
        ("serious", S),
        ("minor", MI),
        ("  Niveau 3 - Mineur  ", MI),
    ],
)
def test_priority_parse(text: object, expected: Priority) -> None:
    assert Priority.parse(text) is expected


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (
            "urgent",
            InvalidArgumentError,
            "priority='urgent' is not a known priority; write one of: Niveau 0 - Bloquant, Niveau 1 - Majeur, Niveau 2 - Sérieux, Niveau 3 - Mineur, bloquant, majeur, sérieux, mineur, P0 to P3, 0 to 3",
        ),
        ("Niveau 0 - Majeur", InvalidArgumentError, "is not a known priority"),
        ("P4", InvalidArgumentError, "is not a known priority"),
        (4, OutOfRangeError, "priority=4 is not a priority level"),
        (True, WrongTypeError, "priority=True is a bool"),
        (1.0, WrongTypeError, "priority=1.0 is a float"),
        (None, WrongTypeError, "priority=None is a NoneType"),
    ],
)
def test_priority_parse_refuses(value: object, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        Priority.parse(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("take_charge", TC),
        ("TAKE_CHARGE", TC),
        ("prise en charge", TC),
        ("prise_en_charge", TC),
        ("Prise en charge (qualification)", TC),
        ("qualification", TC),
        ("take charge", TC),
        ("contournement", WA),
        ("Solution de contournement", WA),
        ("correctif ou contournement", WA),
        ("workaround", WA),
        ("résolution", RES),
        ("Resolution", RES),
        ("rétablissement", RST),
        ("retablissement", RST),
        ("rétablissement du service", RST),
        ("restore", RST),
        ("service restored", RST),
        (RES, RES),
    ],
)
def test_target_parse(text: object, expected: Target) -> None:
    assert Target.parse(text) is expected


def test_target_parse_refuses() -> None:
    with pytest.raises(
        InvalidArgumentError,
        match="target='fix' is not a known target; write one of: prise en charge, contournement, résolution, rétablissement",
    ):
        Target.parse("fix")
    with pytest.raises(WrongTypeError, match="target=2 is a int, not a str"):
        Target.parse(2)
    assert Target.of("resolution") is RES
    with pytest.raises(WrongTypeError, match=r"or Target.parse"):
        Target.of("résolution")


# -- freezes: examples ---------------------------------------------------------------------------


def test_freeze_moves_resolution_only() -> None:
    freeze = [(p(2024, 10, 16, 9, 0), p(2024, 10, 16, 11, 0))]
    assert COMELUS.due(B, RES, REPORT, frozen=freeze) == p(2024, 10, 21, 11, 0)
    assert COMELUS.due(B, WA, REPORT, frozen=freeze) == p(2024, 10, 16, 11, 0)  # ignored


def test_freeze_before_report_and_overlaps() -> None:
    before = (p(2024, 10, 14, 9, 0), p(2024, 10, 15, 11, 0))  # only 10:00–11:00 counts
    overlap = [before, (p(2024, 10, 15, 10, 30), p(2024, 10, 15, 11, 0))]
    assert COMELUS.due(B, RES, REPORT, frozen=[before]) == p(2024, 10, 21, 10, 0)
    assert COMELUS.due(B, RES, REPORT, frozen=overlap) == p(2024, 10, 21, 10, 0)


def test_freeze_after_due_changes_nothing() -> None:
    late = [(p(2024, 10, 18, 18, 0), p(2024, 10, 25, 18, 0))]
    assert COMELUS.due(B, RES, REPORT, frozen=late) == p(2024, 10, 18, 18, 0)


def test_merge_intervals() -> None:
    a, b, c = p(2024, 10, 15, 9, 0), p(2024, 10, 15, 10, 0), p(2024, 10, 15, 11, 0)
    assert merge_intervals([(b, c), (a, b)]) == ((a, c),)
    assert merge_intervals([(a, a)]) == ()
    assert merge_intervals([(a, b)], after=c) == ()
    assert merge_intervals([(a, c)], after=b) == ((b, c),)


# -- freezes: properties against a slow reference --------------------------------------------------

_MINUTE = dt.timedelta(minutes=1)


def _open_minute(t: dt.datetime) -> bool:
    """Is the PSG open during the minute starting at t? (written from §4.1, not from hours.py)."""
    local = t.astimezone(PARIS)
    if local.weekday() >= 5 or FRANCE.is_holiday(local.date()):
        return False
    return 9 <= local.hour < 12 or 14 <= local.hour < 18


def _civil_deadline(start: dt.datetime, days: int) -> dt.datetime:
    day = start.astimezone(PARIS).date()
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and not FRANCE.is_holiday(day):
            days -= 1
    return dt.datetime.combine(day, dt.time(18, 0), tzinfo=PARIS)


def reference_due(
    start: dt.datetime, delay: Delay, freezes: list[tuple[dt.datetime, dt.datetime]]
) -> dt.datetime:
    """Walk minute by minute; count open minutes not inside a freeze until the délai is spent."""
    if delay.unit == "business_hours":
        budget = delay.amount * 60
    else:
        end, budget, t = _civil_deadline(start, delay.amount), 0, start
        while t < end:
            budget += _open_minute(t)
            t += _MINUTE
    t, spent = start, 0
    while spent < budget:
        if _open_minute(t) and not any(fs <= t < fe for fs, fe in freezes):
            spent += 1
        t += _MINUTE
    return t


_reports = aware_datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 12, 1))


@st.composite
def freezes_after(draw: st.DrawFn, start: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    result = []
    for _ in range(draw(st.integers(0, 3))):
        offset = draw(st.integers(-3 * 24 * 60, 20 * 24 * 60))
        length = draw(st.integers(0, 4 * 24 * 60))
        fs = start + dt.timedelta(minutes=offset)
        result.append((fs, fs + dt.timedelta(minutes=length)))
    return result


_HOUR_ROWS = [r for r in COMELUS.targets if r.delay.unit == "business_hours"]


def _freezing(delay: Delay) -> SlaPolicy:
    row = SlaTarget(priority=0, target=RES, delay=delay, freezes=True, clause="test")
    return SlaPolicy(name="test", targets=[row], hours=HOURS)


@settings(max_examples=min(60, settings.default.max_examples))
@given(
    data=st.data(),
    reported=_reports,
    delay=st.one_of(
        st.integers(1, 40).map(Delay.business_hours), st.integers(1, 5).map(Delay.working_days)
    ),
)
def test_due_equals_minute_walker(data: st.DataObject, reported: dt.datetime, delay: Delay) -> None:
    start = reported.replace(second=0, microsecond=0)
    freezes = data.draw(freezes_after(start))
    got = _freezing(delay).due(B, RES, start, frozen=freezes)
    assert got == reference_due(start, delay, freezes)


@settings(max_examples=min(10, settings.default.max_examples))
@given(reported=_reports, data=st.data())
def test_table_4_3_resolution_equals_minute_walker(
    reported: dt.datetime, data: st.DataObject
) -> None:
    start = reported.replace(second=0, microsecond=0)
    priority = data.draw(st.sampled_from(list(Priority)))
    freezes = data.draw(freezes_after(start))
    row = COMELUS.target(priority, RES)
    assert row is not None
    got = COMELUS.due(priority, RES, start, frozen=freezes)
    assert got == reference_due(start, row.delay, freezes)


@given(reported=_reports, data=st.data())
def test_freeze_properties(reported: dt.datetime, data: st.DataObject) -> None:
    priority = data.draw(st.sampled_from(list(Priority)))
    freezes = data.draw(freezes_after(reported))
    plain = COMELUS.due(priority, RES, reported)
    frozen = COMELUS.due(priority, RES, reported, frozen=freezes)
    assert plain is not None
    assert frozen is not None
    assert plain >= reported
    assert frozen >= reported
    assert frozen >= plain  # freezes never make a due earlier
    assert frozen.tzinfo is PARIS or frozen.tzinfo == PARIS
    # splitting a freeze into two adjacent ones changes nothing
    if freezes:
        fs, fe = freezes[0]
        cut = fs + (fe - fs) / 2
        split = [(fs, cut), (cut, fe), *freezes[1:]]
        assert COMELUS.due(priority, RES, reported, frozen=split) == frozen
    # a freeze starting at or after the due instant changes nothing
    later = [*freezes, (frozen, frozen + dt.timedelta(days=3))]
    assert COMELUS.due(priority, RES, reported, frozen=later) == frozen


@given(reported=_reports)
def test_due_never_before_report_for_every_row(reported: dt.datetime) -> None:
    for row in (*COMELUS.targets, *S27.targets, *GTR.targets):
        policy = next(x for x in (COMELUS, S27, GTR) if row in x.targets)
        event = None if row.counted_from == "report" else reported + dt.timedelta(hours=1)
        due = policy.due(row.priority, row.target, reported, event_at=event)
        assert due is not None
        assert due > (event or reported)
        assert BusinessHours.comelus().elapsed(event or reported, due) > dt.timedelta(0)


# -- readings (docs/contradictions.md, "SLA and availability readings") ---------------------------


def test_section_2_7_units_reading() -> None:
    """§2.7: "dans les 8 heures" / "dans les 3 jours" say neither « ouvrées » nor « ouvrés »."""
    calendar = SlaPolicy.section_2_7(units="calendar")
    assert calendar.name == "section 2.7, units=calendar"
    # Friday 2024-12-20 16:30, a Bloquant anomaly: 8 hours.
    friday = p(2024, 12, 20, 16, 30)
    assert S27.due(B, WA, friday) == p(2024, 12, 23, 17, 30)  # 8 business hours: Monday
    assert calendar.due(B, WA, friday) == p(2024, 12, 21, 0, 30)  # 8 elapsed hours: Saturday
    assert calendar.due(M, WA, friday) == p(2024, 12, 21, 16, 30)  # 24 hours
    # "prise en compte dans les 4 heures ouvrées": business hours in both readings
    assert calendar.due(B, TC, friday) == S27.due(B, TC, friday) == p(2024, 12, 23, 11, 30)
    # resolution "dans les 3 jours" from a workaround given Monday 2024-12-23 10:00
    workaround = p(2024, 12, 23, 10, 0)
    assert S27.due(B, RES, friday, event_at=workaround) == p(2024, 12, 27, 18, 0)  # 25 Dec off
    assert calendar.due(B, RES, friday, event_at=workaround) == p(2024, 12, 26, 10, 0)
    assert calendar.due(MI, RES, friday) == p(2025, 1, 19, 16, 30)  # 30 calendar days
    assert S27.due(MI, RES, friday) == p(2025, 2, 4, 18, 0)  # 30 jours ouvrés
    frozen = [(p(2024, 12, 24, 10, 0), p(2024, 12, 24, 12, 0))]
    assert calendar.due(B, RES, friday, event_at=workaround, frozen=frozen) == p(
        2024, 12, 26, 12, 0
    )
    with pytest.raises(
        InvalidArgumentError, match="units='elapsed' is not one of 'business', 'calendar'"
    ):
        SlaPolicy.section_2_7(units="elapsed")  # type: ignore[arg-type]


def test_resolution_from_reading() -> None:
    """Table 4.3: "Proposition d'une solution de contournement dans les 8 heures et prise en
    charge immédiate en maintenance pour résolution dans les 3 jours, si le caractère bloquant
    est confirmé" — from the report, the workaround, or the confirmation."""
    workaround = SlaPolicy.comelus(resolution_from="workaround")
    confirmed = SlaPolicy.comelus(resolution_from="confirmation")
    assert workaround.name == "table 4.3, resolution_from=workaround"
    assert COMELUS.due(B, RES, REPORT) == p(2024, 10, 18, 18, 0)
    thursday = p(2024, 10, 17, 10, 0)
    assert workaround.due(B, RES, REPORT, event_at=thursday) == p(2024, 10, 22, 18, 0)
    assert confirmed.due(M, RES, REPORT, event_at=thursday) == p(2024, 10, 24, 18, 0)
    assert confirmed[B, RES].counted_from == "confirmation"
    # Sérieux and Mineur have no workaround and no condition: the report in every reading
    assert workaround[S, RES].counted_from == "report"
    assert confirmed[MI, RES].counted_from == "report"
    with pytest.raises(MissingEventError, match="counts from the confirmation of the priority"):
        confirmed.due(B, RES, REPORT)
    with pytest.raises(InvalidArgumentError, match="resolution_from='closing' is not one of"):
        SlaPolicy.comelus(resolution_from="closing")  # type: ignore[arg-type]


def test_gtr_scope_reading() -> None:
    """§2.5.2: any unavailability of a hosted component; §2.8: "La GTR ne s'applique que pour
    un incident bloquant ou majeur"."""
    wide = SlaPolicy.hosting_gtr(scope="any_unavailability")
    assert wide.name == "GTR hébergement (§2.5.2), scope=any_unavailability"
    reported = p(2024, 10, 16, 11, 0)
    assert GTR.due(MI, TC, reported) is None
    assert wide.due(MI, TC, reported) == p(2024, 10, 16, 15, 0)
    assert wide.due(S, RST, reported, event_at=p(2024, 10, 16, 14, 0)) == p(2024, 10, 16, 18, 0)
    assert len(GTR) == 4
    assert len(wide) == 8
    with pytest.raises(InvalidArgumentError, match="scope='all' is not one of"):
        SlaPolicy.hosting_gtr(scope="all")  # type: ignore[arg-type]


def test_holidays_in_psg_reading() -> None:
    """§4.1 excludes "les jours fériés légaux du titulaire"; §2.7 and §2.8 say "du lundi au
    vendredi inclus" with no exception. Monday 11 November 2024 is a holiday."""
    friday = p(2024, 11, 8, 16, 0)
    worked = SlaPolicy.section_2_7(holidays_in_psg="included")
    assert worked.name == "section 2.7, holidays_in_psg=included"
    assert S27.due(B, TC, friday) == p(2024, 11, 12, 11, 0)  # 11 November skipped
    assert worked.due(B, TC, friday) == p(2024, 11, 11, 11, 0)
    gtr = SlaPolicy.hosting_gtr(holidays_in_psg="included")
    late = p(2024, 11, 8, 17, 0)  # 2 business hours: 17–18, then 09–10 the next open day
    assert gtr.due(B, TC, late) == p(2024, 11, 11, 10, 0)
    assert GTR.due(B, TC, late) == p(2024, 11, 12, 10, 0)
    assert psg().is_working_day(dt.date(2024, 11, 11)) is False
    assert psg("included").is_working_day(dt.date(2024, 11, 11)) is True
    assert psg("included").name == "PSG ComElus (§4.1), jours fériés inclus"
    with pytest.raises(InvalidArgumentError, match="holidays_in_psg='none' is not one of"):
        psg("none")  # type: ignore[arg-type]


# -- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"reported_at": dt.datetime(2024, 10, 15, 10, 0)}, NaiveDatetimeError, "reported_at="),
        ({"reported_at": "2024-10-15"}, WrongTypeError, "not a datetime"),
        ({"priority": 7}, OutOfRangeError, "priority=7"),
        ({"priority": "BLOQUANT"}, WrongTypeError, "priority="),
        ({"priority": True}, WrongTypeError, "priority="),
        ({"target": "nope"}, WrongTypeError, "target="),
        ({"frozen": [(p(2024, 10, 16, 11), p(2024, 10, 16, 9))]}, EndBeforeStartError, "frozen"),
        (
            {"frozen": [(p(2024, 10, 16, 9), dt.datetime(2024, 10, 16))]},
            NaiveDatetimeError,
            r"frozen\[0\]\[1\]",
        ),
        ({"frozen": [p(2024, 10, 16, 9)]}, WrongTypeError, "frozen"),
        ({"frozen": 3}, WrongTypeError, "frozen"),
        ({"event_at": p(2024, 10, 16)}, InvalidArgumentError, "drop event_at"),
    ],
)
def test_due_refuses_bad_input(kwargs: dict[str, object], error: type, match: str) -> None:
    args: dict[str, object] = {"priority": B, "target": RES, "reported_at": REPORT} | kwargs
    with pytest.raises(error, match=match):
        COMELUS.due(args.pop("priority"), args.pop("target"), args.pop("reported_at"), **args)  # type: ignore[arg-type]


def test_event_before_report_refused() -> None:
    with pytest.raises(EndBeforeStartError, match="event_at"):
        GTR.due(B, RST, REPORT, event_at=p(2024, 10, 14, 10, 0))


def test_due_at_the_repeated_hour_of_october() -> None:
    """The October fold: 02:15 (fold=1) is 45 minutes after 02:30 (fold=0)."""
    first = dt.datetime(2025, 10, 26, 2, 30, tzinfo=PARIS)
    second = dt.datetime(2025, 10, 26, 2, 15, tzinfo=PARIS, fold=1)
    assert GTR.due(B, RST, first, event_at=second) == p(2025, 10, 27, 15, 0)  # Sunday: 9–12, 14–15
    with pytest.raises(EndBeforeStartError, match="event_at"):
        GTR.due(B, RST, second, event_at=first)


def test_inputs_in_other_zones() -> None:
    utc = REPORT.astimezone(dt.UTC)
    due = COMELUS.due(B, RES, utc)
    assert due == p(2024, 10, 18, 18, 0)
    assert due is not None
    assert due.tzinfo == PARIS


def test_results_in_the_schedule_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    schedule = attrs.evolve(HOURS, zone=new_york, name="New York")
    policy = attrs.evolve(COMELUS, hours=schedule)
    due = policy.due(B, TC, REPORT)
    assert due is not None
    assert due.tzinfo is new_york
    assert due == dt.datetime(2024, 10, 15, 15, 0, tzinfo=new_york)  # 04:00 NY: 9–12, 14–15


def test_every_refusal_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="priority"):
        COMELUS.due(9, TC, REPORT)
    with pytest.raises(TermsError, match="priority"):
        COMELUS.due(9, TC, REPORT)


# -- every figure of the presets, pinned ------------------------------------------------------------

PRESETS = {
    "table 4.3": [
        (B, TC, "4 h ouvrées", "report", False, "", "§4.3"),
        (B, WA, "8 h ouvrées", "report", False, "", "§4.3"),
        (
            B,
            RES,
            "3 jours ouvrés",
            "report",
            True,
            "si le caractère bloquant est confirmé",
            "§4.3, §5.2.4.1",
        ),
        (M, TC, "8 h ouvrées", "report", False, "", "§4.3"),
        (M, WA, "24 h ouvrées", "report", False, "", "§4.3"),
        (
            M,
            RES,
            "5 jours ouvrés",
            "report",
            True,
            "si le caractère majeur est confirmé (C2)",
            "§4.3, §5.2.4.1",
        ),
        (S, TC, "12 h ouvrées", "report", False, "", "§4.3"),
        (S, RES, "15 jours ouvrés", "report", True, "", "§4.3, §5.2.4.1"),
        (MI, TC, "36 h ouvrées", "report", False, "", "§4.3"),
        (MI, RES, "30 jours ouvrés", "report", True, "", "§4.3, §5.2.4.1"),
    ],
    "section 2.7": [
        (B, TC, "4 h ouvrées", "report", False, "", "§2.7"),
        (B, WA, "8 h ouvrées", "report", False, "correctif ou contournement (GTR)", "§2.7"),
        (
            B,
            RES,
            "3 jours ouvrés",
            "workaround",
            True,
            "en cas de contournement, si le caractère bloquant est confirmé",
            "§2.7, §5.2.4.1",
        ),
        (M, TC, "4 h ouvrées", "report", False, "", "§2.7"),
        (M, WA, "24 h ouvrées", "report", False, "correctif ou contournement (GTR)", "§2.7"),
        (
            M,
            RES,
            "5 jours ouvrés",
            "workaround",
            True,
            "en cas de contournement, si le caractère majeur est confirmé",
            "§2.7, §5.2.4.1",
        ),
        (MI, TC, "4 h ouvrées", "report", False, "", "§2.7"),
        (MI, RES, "30 jours ouvrés", "report", True, "", "§2.7, §5.2.4.1"),
    ],
    "GTR hébergement (§2.5.2)": [
        (B, TC, "2 h ouvrées", "report", False, "", "§2.5.2"),
        (
            B,
            RST,
            "4 h ouvrées",
            "take_charge",
            False,
            "rétablir le service ou mettre en œuvre une solution de contournement",
            "§2.5.2, §2.8",
        ),
        (M, TC, "2 h ouvrées", "report", False, "", "§2.5.2"),
        (
            M,
            RST,
            "4 h ouvrées",
            "take_charge",
            False,
            "rétablir le service ou mettre en œuvre une solution de contournement",
            "§2.5.2, §2.8",
        ),
    ],
}


@pytest.mark.parametrize("policy", [COMELUS, S27, GTR], ids=lambda p: p.name)
def test_every_row_of_the_presets(policy: SlaPolicy) -> None:
    rows = [
        (r.priority, r.target, str(r.delay), r.counted_from, r.freezes, r.condition, r.clause)
        for r in policy.values()
    ]
    assert rows == PRESETS[policy.name]
    assert policy.hours == HOURS
    assert all(r.delay.counting == "civil" for r in policy.values())


def test_calendar_units_of_section_2_7() -> None:
    calendar = SlaPolicy.section_2_7(units="calendar")
    assert [str(r.delay) for r in calendar.values()] == [
        "4 h ouvrées",
        "8 heures",
        "3 jours",
        "4 h ouvrées",
        "24 heures",
        "5 jours",
        "4 h ouvrées",
        "30 jours",
    ]
    assert SlaPolicy.hosting_gtr(scope="any_unavailability", holidays_in_psg="included").name == (
        "GTR hébergement (§2.5.2), scope=any_unavailability, holidays_in_psg=included"
    )
    both = SlaPolicy.section_2_7(units="calendar", holidays_in_psg="included")
    assert both.name == "section 2.7, units=calendar, holidays_in_psg=included"
    assert [r.counted_from for r in SlaPolicy.comelus(resolution_from="workaround").values()] == [
        "report",
        "report",
        "workaround",
        "report",
        "report",
        "workaround",
        "report",
        "report",
        "report",
        "report",
    ]
    assert (
        SlaPolicy.comelus(resolution_from="confirmation").name
        == "table 4.3, resolution_from=confirmation"
    )


def test_policy_headers_in_both_languages() -> None:
    french = [h for h in COMELUS.to_text().splitlines()[1].split("  ") if h.strip()]
    english = [h for h in COMELUS.to_text(lang="en").splitlines()[1].split("  ") if h.strip()]
    assert [h.strip() for h in french] == [
        "priorité",
        "objectif",
        "délai",
        "à compter de",
        "gel",
        "condition",
        "clause",
    ]
    assert [h.strip() for h in english] == [
        "priority",
        "target",
        "time limit",
        "counted from",
        "frozen",
        "condition",
        "clause",
    ]
    comparison = COMELUS.compare(S27)
    headers = [h.strip() for h in comparison.to_text().splitlines()[1].split("  ") if h.strip()]
    assert headers == [
        "priorité",
        "objectif",
        "délai (1)",
        "à compter de (1)",
        "gel (1)",
        "délai (2)",
        "à compter de (2)",
        "gel (2)",
    ]
    headers = [
        h.strip() for h in comparison.to_text(lang="en").splitlines()[1].split("  ") if h.strip()
    ]
    assert headers == [
        "priority",
        "target",
        "time limit (1)",
        "counted from (1)",
        "frozen (1)",
        "time limit (2)",
        "counted from (2)",
        "frozen (2)",
    ]
    assert COMELUS[B, RES].to_text(lang="en") == "3 working days from the report, frozen (§5.2.4.1)"
    assert GTR[B, RST].to_text() == "4 h ouvrées à compter de la prise en charge"
    assert S27[B, RES].to_text() == "3 jours ouvrés à compter du contournement, gelé (§5.2.4.1)"
    assert counted_from_text("report") == "à compter du signalement"
    assert counted_from_text("workaround", "en") == "from the workaround given"
    assert counted_from_text("take_charge", "en") == "from the actual take-charge"
    assert counted_from_text("confirmation") == "à compter de la confirmation de la priorité"


def test_evaluate_through_the_policy() -> None:
    from libriciel_terms.tickets import Requalification, Ticket

    ticket = Ticket(
        reported_at=REPORT,
        priority=B,
        resolved_at=p(2024, 10, 15, 12),
        requalifications=[Requalification(at=p(2024, 10, 15, 11), priority=M)],
    )
    at = p(2024, 10, 15, 13)
    default = COMELUS.evaluate(ticket, at=at)
    assert default[TC].status.value == "unrecorded"  # missing="unrecorded"
    assert default[RES].counted_from == REPORT  # requalification="from_report"
    chosen = COMELUS.evaluate(
        ticket, at=at, missing="breached", requalification="from_requalification"
    )
    assert chosen[TC].status.value == "breached"
    assert chosen[RES].counted_from == p(2024, 10, 15, 11)
    assert list(COMELUS.evaluate_many([ticket], at=at)) == [default]
    assert list(
        COMELUS.evaluate_many(
            [ticket], at=at, missing="breached", requalification="from_requalification"
        )
    ) == [chosen]


def test_priority_of_and_target_of() -> None:
    assert Priority.of(2) is S
    assert Priority.of(S) is S
    with pytest.raises(
        WrongTypeError,
        match=r"priority='2' is a str; pass a Priority, e\.g\. Priority\.BLOQUANT, its level 0–3, or Priority\.parse",
    ):
        Priority.of("2")
    with pytest.raises(
        OutOfRangeError,
        match=r"priority=-1 is not a priority level; use 0 \(Bloquant\), 1 \(Majeur\), 2 \(Sérieux\) or 3 \(Mineur\) \(Contract §5.2.5\)",
    ):
        Priority.of(-1)
    assert Target.of("RESTORE") is RST
    assert Target.of(WA) is WA
    with pytest.raises(
        WrongTypeError,
        match=r"target=None is not a Target; pass e.g. Target.RESOLUTION \(TAKE_CHARGE, WORKAROUND, RESOLUTION, RESTORE\) or Target.parse\(label\)",
    ):
        Target.of(None)
    with pytest.raises(WrongTypeError, match="target=3 is a int, not a str"):
        Target.parse(3)
    assert Priority.parse("  p2 ") is S
    assert Priority.parse("NIVEAU 3 : MINEUR") is MI


def test_due_messages() -> None:
    with pytest.raises(
        MissingEventError,
        match=r"Target.RESOLUTION for Niveau 0 - Bloquant counts from the workaround given \(§2.7, §5.2.4.1\); pass its instant as event_at=",
    ):
        S27.due(B, RES, REPORT)
    with pytest.raises(
        InvalidArgumentError,
        match=r"event_at=.* was given but Target.TAKE_CHARGE for Niveau 0 - Bloquant counts from the report \(§4.3\); drop event_at",
    ):
        COMELUS.due(B, TC, REPORT, event_at=REPORT)
    with pytest.raises(EndBeforeStartError, match=r"event_at=.* is before reported_at="):
        S27.due(B, RES, REPORT, event_at=p(2024, 10, 15, 9))
    with pytest.raises(NaiveDatetimeError, match="event_at="):
        S27.due(B, RES, REPORT, event_at=dt.datetime(2024, 10, 16))
    assert COMELUS.due(0, "take_charge", REPORT) == p(2024, 10, 15, 16)
    assert COMELUS.due(B, TC, REPORT, frozen=[(p(2024, 10, 15, 11), p(2024, 10, 15, 12))]) == p(
        2024, 10, 15, 16
    )


def test_merge_intervals_validates() -> None:
    with pytest.raises(WrongTypeError, match="intervals=3 is not an iterable"):
        merge_intervals(3)  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError, match="after="):
        merge_intervals([], after=dt.datetime(2024, 1, 1))
    a, b = p(2024, 10, 15, 9), p(2024, 10, 15, 10)
    assert merge_intervals([(a, b)], after=a) == ((a, b),)
    assert merge_intervals([(a, b)])[0][0].tzinfo is dt.UTC


def test_small_edges() -> None:
    assert B.to_text() == "Niveau 0 - Bloquant"
    with pytest.raises(InvalidArgumentError, match="lang='de'"):
        B.to_text(lang="de")  # type: ignore[arg-type]
    assert S27.get((S, TC), COMELUS[S, TC]) is COMELUS[S, TC]
    assert S27.get((S, TC)) is None


def test_get_with_an_unhashable_key_names_the_pair_it_expects() -> None:
    policy = SlaPolicy.comelus()
    with pytest.raises(UnknownKeyError, match=r"is not a \(priority, target\) pair"):
        policy.get([Priority.BLOQUANT, Target.RESOLUTION])  # type: ignore[arg-type]
    assert policy.get((Priority.SERIEUX, Target.WORKAROUND), None) is None

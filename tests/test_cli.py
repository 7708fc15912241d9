"""The command line never prints a traceback: bad files, closed pipes, full disks, narrow encodings."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from libriciel_terms.cli import EXIT_INVALID, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main
from libriciel_terms.files import bundled_text

EXAMPLE = Path(__file__).parents[1] / "examples" / "contracts" / "iparapheur-exempleville-2025.toml"


def _run(
    *args: str, env: dict[str, str] | None = None, stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "libriciel_terms", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=60,
    )


def test_check_a_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [
        f"{EXAMPLE} : contrat valide",
        "  i-Parapheur 2025 — Exempleville (exemple)",
        "  1 période(s), du 1er janvier 2025 au 31 décembre 2027",
    ]


def test_check_a_bad_file_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        bundled_text("comelus-2024")
        .replace("renewals = 3", "renewal = 3")
        .replace('vat_percent = "20"', "vat_percent = 20.0"),
        encoding="utf-8",
    )
    assert main(["check", str(bad), "--lang", "en"]) == EXIT_INVALID
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"error: {bad}: 3 problems"
    assert err[1:] == [
        "- term.renewals: missing; expected a whole number; add renewals = …",
        '- term.renewal = 3: expected no such key; did you mean "renewals"?',
        '- prices.vat_percent = 20.0: expected a decimal in a string; a TOML float cannot hold a decimal exactly; write it in quotes, e.g. "20"',
    ]


def test_a_wrong_command_line_is_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["sheet", "--as-of", "tomorrow"])
    assert caught.value.code == EXIT_USAGE
    assert "'tomorrow' is not an ISO date such as 2026-11-26" in capsys.readouterr().err


def test_closed_pipe(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    closed = io.TextIOWrapper(
        os.fdopen(write_end, "wb", buffering=0), encoding="utf-8", write_through=True
    )
    monkeypatch.setattr(sys, "stdout", closed)
    try:
        assert main([]) == EXIT_OUTPUT
    finally:
        closed.close()  # main() pointed the descriptor at /dev/null: closing succeeds
    assert capsys.readouterr().err == "sortie interrompue (tube fermé)\n"


def test_full_disk() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        result = _run("--lang", "en", stdout=full)
    assert result.returncode == EXIT_OUTPUT
    assert result.stderr == "cannot write the output: disk full\n"


def test_narrow_encoding() -> None:
    result = _run(env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == EXIT_OUTPUT
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "PYTHONIOENCODING=utf-8" in result.stderr


def test_no_argument_prints_the_comelus_sheet() -> None:
    result = _run()
    assert result.returncode == EXIT_OK
    assert result.stdout.splitlines()[0] == "ComElus 2024 — maintenance et hébergement"


JULY_2025 = "month,value,published_on,source\n2025-07,321.0,2025-08-28,Syntec release (example)\n"


def test_a_one_line_index_file_revises_the_first_anniversary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18: July 2025, missing from the snapshot, brought by the user."""
    july = tmp_path / "july.csv"
    july.write_text(JULY_2025, encoding="utf-8")
    assert main([]) == EXIT_OK
    without = capsys.readouterr().out
    assert "2025-09-01    2024-08  314,1   2025-07      absent" in without.replace("\u202f", " ")
    assert main(["sheet", "--syntec", str(july)]) == EXIT_OK
    out = capsys.readouterr().out.replace("\u202f", " ").replace("\u00a0", " ")
    assert "2025-09-01    2024-08  314,1   2025-07      321,0   1,019  1 375,65 €" in out
    assert "• Calculé avec au moins une valeur d'indice fournie par l'utilisateur." in out
    assert (
        main(["revision", "--anniversary", "2025-09-01", "--syntec", str(july), "--lang", "en"])
        == 0
    )
    revision = capsys.readouterr().out
    assert revision.splitlines()[0] == "Revision on 2025-09-01: C = 1.019"
    assert "user" in revision


def test_a_bad_index_file_names_its_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(JULY_2025 + "2025-13,322.0,,x\n", encoding="utf-8")
    assert main(["sheet", "--syntec", str(bad), "--lang", "en"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "- row 3, column \"month\" = '2025-13': expected a month written YYYY-MM" in err


def test_a_contract_file_brings_its_own_index_values(tmp_path: Path) -> None:
    (tmp_path / "july.csv").write_text(JULY_2025, encoding="utf-8")
    contract = tmp_path / "comelus.toml"
    contract.write_text(
        bundled_text("comelus-2024") + '\n[reference]\nsyntec = "july.csv"\n', encoding="utf-8"
    )
    from libriciel_terms import Contract, load_contract

    loaded = load_contract(contract)
    assert loaded.revision.index.value(2025, 7) == Decimal("321.0")
    assert Contract.from_toml(loaded.to_toml()) == loaded  # written back inline
    from libriciel_terms.errors import ContractFileError

    with pytest.raises(
        ContractFileError,
        match=r"reference.syntec = 'july.csv': expected a reference file next to the contract file",
    ):
        Contract.from_toml(contract.read_text(encoding="utf-8"))


def test_data_and_interest_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "--lang", "en"]) == EXIT_OK
    data = capsys.readouterr().out.splitlines()
    assert data[0] == "Reference data: the Syntec index and interest rates"
    assert data[2].startswith("Syntec index               2006-01     2025-10     216")
    args = ["interest", "--amount", "405.00", "--received", "2025-03-03", "--paid", "2025-05-12"]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out.replace("\u202f", " ").replace("\u00a0", " ")
    assert "1 demande de paiement, 44,95 €" in out.splitlines()[0]
    assert (
        main(
            ["interest", "--amount", "405.0.0", "--received", "2025-03-03", "--paid", "2025-05-12"]
        )
        == EXIT_INVALID
    )
    assert "--amount='405.0.0' is not a decimal number" in capsys.readouterr().err


# -- sla -----------------------------------------------------------------------------------------

DATA = Path(__file__).parents[1] / "examples" / "data"
TICKET_COLUMNS = (
    "reference=Référence,priority=Priorité,reported_at=Date de création,"
    "taken_charge_at=Prise en charge,workaround_at=Contournement,resolved_at=Résolution,"
    "closed_at=Clôture,requalified_at=Requalifié le,requalified_to=Nouvelle priorité"
)
STATE_COLUMNS = "reference=Référence,at=Date,state=État"


def _sla_args(*extra: str) -> list[str]:
    return [
        "sla",
        str(DATA / "tickets-2024-q4.csv"),
        "--zone",
        "Europe/Paris",
        "--as-of",
        "2025-01-01",
        "--columns",
        TICKET_COLUMNS,
        "--states",
        str(DATA / "etats-2024-q4.csv"),
        "--state-columns",
        STATE_COLUMNS,
        *extra,
    ]


def _python_path() -> tuple[object, object]:
    """The notebook's path: records, tickets, evaluate_many, compliance_summary."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from libriciel_terms.compliance import compliance_summary
    from libriciel_terms.downtime import AvailabilityCommitment
    from libriciel_terms.sla import SlaPolicy
    from libriciel_terms.ticket_records import (
        intervals_from_records,
        parse_columns,
        records_from_csv_text,
        state_changes_from_records,
        tickets_from_records,
    )

    def rows(name: str) -> list[dict[str, str]]:
        return records_from_csv_text((DATA / name).read_text(encoding="utf-8"))

    states = state_changes_from_records(
        rows("etats-2024-q4.csv"), columns=parse_columns(STATE_COLUMNS), zone="Europe/Paris"
    )
    tickets = tickets_from_records(
        rows("tickets-2024-q4.csv"),
        columns=parse_columns(TICKET_COLUMNS),
        zone="Europe/Paris",
        history=states,
    )
    at = dt.datetime(2025, 1, 1, tzinfo=ZoneInfo("Europe/Paris"))
    reports = SlaPolicy.comelus().evaluate_many(tickets, at=at)
    outages = rows("indisponibilites-2024-q4.csv")
    columns = {"start": "Début", "end": "Fin"}
    summary = compliance_summary(
        reports,
        commitment=AvailabilityCommitment.comelus(),
        outages=intervals_from_records(
            [r for r in outages if r["Nature"] == "panne"], columns=columns, zone="Europe/Paris"
        ),
        planned=intervals_from_records(
            [r for r in outages if r["Nature"] != "panne"], columns=columns, zone="Europe/Paris"
        ),
    )
    return summary, reports


def _split_outages(tmp_path: Path) -> list[str]:
    """The example's outage file as two files, the outages and the planned windows."""
    lines = (DATA / "indisponibilites-2024-q4.csv").read_text(encoding="utf-8").splitlines()
    down, planned = tmp_path / "pannes.csv", tmp_path / "travaux.csv"
    down.write_text("\n".join([lines[0], *(x for x in lines[1:] if x.endswith(";panne"))]))
    planned.write_text("\n".join([lines[0], *(x for x in lines[1:] if not x.endswith(";panne"))]))
    return ["--outages", str(down), "--planned", str(planned), "--interval-columns",
            "start=Début,end=Fin"]  # fmt: skip


def test_sla_gives_the_numbers_of_the_python_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from libriciel_terms.ticket_records import records_to_json_text

    summary, reports = _python_path()
    assert main(_sla_args("--format", "json", *_split_outages(tmp_path))) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == json.loads(records_to_json_text(summary.to_records()))  # type: ignore[attr-defined]
    assert data["availability"] == json.loads(
        records_to_json_text(summary.availability_records())  # type: ignore[attr-defined]
    )
    assert data["tickets"] == json.loads(records_to_json_text(reports.to_records()))  # type: ignore[attr-defined]
    october = next(
        r
        for r in data["summary"]
        if (r["period"], r["priority"], r["target"])
        == ("2024-10", "Niveau 0 - Bloquant", "take_charge")
    )
    assert (october["met"], october["breached"], october["rate_percent"]) == (3, 1, "75.0")
    assert october["worst_overdue_hours"] == "0.5"
    assert [m["met"] for m in data["availability"]] == [True, False, True]
    assert len(data["tickets"]) == 63


def test_sla_text_prints_the_summary_then_the_tickets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary, reports = _python_path()
    assert main(_sla_args(*_split_outages(tmp_path))) == EXIT_OK
    out = capsys.readouterr().out
    assert out == f"{summary.to_text()}\n\n{reports.to_text()}\n"  # type: ignore[attr-defined]
    plain = out.replace("\N{NO-BREAK SPACE}", " ")
    assert plain.startswith("Respect des délais, « table 4.3 », au mer. 2025-01-01 00:00 : délais")
    assert "23 h ouvrées" in plain
    assert "Disponibilité par mois" in plain


def test_sla_csv_html_and_one_table(capsys: pytest.CaptureFixture[str]) -> None:
    summary, reports = _python_path()
    assert main(_sla_args("--format", "csv")) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("reference,policy,at,reported_at,state,priority,target,status")
    assert len(lines) == 64
    assert main(_sla_args("--format", "csv", "--only", "summary")) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("period,period_start,period_end,priority,target,met,breached")
    assert len(lines) == 1 + len(summary.rows)  # type: ignore[attr-defined]
    assert main(_sla_args("--format", "html", "--only", "tickets", "--lang", "en")) == EXIT_OK
    assert capsys.readouterr().out == reports.to_html(lang="en") + "\n"  # type: ignore[attr-defined]


def test_sla_with_a_contract_file_and_another_reading(capsys: pytest.CaptureFixture[str]) -> None:
    from libriciel_terms.files import bundled_path

    args = _sla_args("--format", "json", "--only", "summary", "--missing", "implied")
    args.insert(1, str(bundled_path("comelus-2024")))
    assert main(args) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert sorted(data) == ["availability", "summary"]
    assert sum(r["unrecorded"] for r in data["summary"]) == 0
    assert data["availability"] == []  # no outage file: no availability claimed


def test_sla_bad_rows_name_their_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "tickets.csv"
    export.write_text(
        "id,priority,reported_at,resolved_at\n"
        "A,bloquant,2024-10-15T10:00+02:00,2024-10-16T10:00+02:00\n"
        "B,urgent,2024-10-15T10:00+02:00,\n"
        "C,mineur,15/10/2024 10:00,\n",
        encoding="utf-8",
    )
    assert main(["sla", str(export), "--columns", "reference=id", "--lang", "en"]) == EXIT_INVALID
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"error: {export}: 2 problems"
    assert err[1].startswith("- row 2, column \"priority\" = 'urgent': expected a priority")
    assert err[2].startswith("- row 3, column \"reported_at\" = '15/10/2024 10:00': expected an")
    assert err[2].endswith(
        "pass --zone Europe/Paris (or the export's zone) to read times without an offset"
    )
    assert main(["sla", str(export), "--zone", "Mars/Olympus"]) == EXIT_INVALID
    assert "zone='Mars/Olympus' is not an IANA time zone" in capsys.readouterr().err
    assert main(["sla", str(tmp_path / "none.csv")]) == EXIT_INVALID
    assert "expected a readable UTF-8 file" in capsys.readouterr().err


def test_sla_as_of_defaults_to_the_latest_instant_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "tickets.csv"
    export.write_text(
        "priority;reported_at;resolved_at\n"
        "Niveau 3 - Mineur;2024-10-15T10:00+02:00;2024-10-18T09:00+02:00\n",
        encoding="utf-8",
    )
    assert main(["sla", str(export), "--only", "summary"]) == EXIT_OK
    assert "au ven. 2024-10-18 09:00" in capsys.readouterr().out.replace("\N{NO-BREAK SPACE}", " ")
    assert main(["sla", str(export), "--as-of", "tomorrow"]) == EXIT_INVALID
    assert "--as-of 'tomorrow' is not an ISO date or instant" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["sla", "a.toml", "b.toml", str(export)])
    assert caught.value.code == EXIT_USAGE

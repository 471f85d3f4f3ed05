"""End to end: the real CLI on the bundled sample and on broken inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "datasets" / "sample"
SAMPLE_ARGS = [
    "--aid", str(SAMPLE / "allocations.csv"),
    "--aid", str(SAMPLE / "allocations_dod.xlsx"),
    "--aid", str(SAMPLE / "fmtr_fy2020_excerpt.tsv"),
    "--abuses", str(SAMPLE / "abuse_records.csv"),
    "--country-status", str(SAMPLE / "country_status.csv"),
    "--entities", str(SAMPLE / "sanctioned_entities.csv"),
    "--as-of", "2024-06-30",
]  # fmt: skip


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conditionality", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def sample_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("sample")
    return cli("check", *SAMPLE_ARGS, "--out", str(out)), out


def test_sample_exit_code_and_files(sample_run) -> None:
    proc, out = sample_run
    assert proc.returncode == 1, proc.stderr
    assert (out / "findings.json").exists() and (out / "findings.csv").exists()
    assert "Traceback" not in proc.stderr


def test_sample_findings_match_the_scenario(sample_run) -> None:
    _, out = sample_run
    got = pd.read_csv(out / "findings.csv")[["allocation_id", "rule_id", "outcome"]]
    expected = pd.read_csv(SAMPLE / "expected_findings.csv")
    merged = expected.merge(got, on=["allocation_id", "rule_id"], how="left", suffixes=("", "_got"))
    wrong = merged[merged["outcome"] != merged["outcome_got"]]
    assert wrong.empty, wrong.to_string()
    clear = pd.read_csv(SAMPLE / "expected_clear.csv")
    leaked = clear.merge(got, on=["allocation_id", "rule_id"])
    assert leaked.empty, leaked.to_string()
    assert set(got["rule_id"]) == set(expected["rule_id"])  # every shipped rule fires


def test_sample_reconciles_rows_and_dollars(sample_run) -> None:
    _, out = sample_run
    doc = json.loads((out / "findings.json").read_text())
    s = doc["summary"]
    # 350 native rows (3 unreadable) and 83 FMTR rows (9 are program subtotals, out of scope)
    assert s["allocations_read"] == s["rows_checked"] + s["rows_rejected"] == 350 + 83
    assert s["rows_rejected"] == 3 + 9
    assert s["dollars_read"] == pytest.approx(s["dollars_checked"] + s["dollars_rejected"])
    rejected = pd.read_csv(SAMPLE / "expected_rejected.csv")
    got = {(r["column"], r["value"]) for r in doc["rejected_rows"]}
    want = set(
        zip(
            rejected["reason"].str.split(" ").str[0],
            rejected["reason"].str.extract(r"'([^']*)'")[0],
            strict=True,
        )
    )
    assert want <= got
    for info in doc["run"]["inputs"]:
        assert info["rows_read"] == info["rows_accepted"] + info["rows_rejected"]
        assert len(info["sha256"]) == 64


def test_findings_json_shape(sample_run) -> None:
    _, out = sample_run
    doc = json.loads((out / "findings.json").read_text())
    assert set(doc) == {"schema_version", "run", "summary", "findings", "rejected_rows"}
    assert {"tool_version", "as_of", "inputs", "rules"} <= set(doc["run"])
    f = doc["findings"][0]
    assert {"id", "allocation_id", "rule_id", "outcome", "message", "authority", "evidence"} <= set(
        f
    )
    assert f["id"] == f"{f['rule_id']}:{f['allocation_id']}"
    leahy = [x for x in doc["findings"] if x["rule_id"] == "leahy-state" and x["evidence"]]
    assert leahy and {"dataset", "record_id"} <= set(leahy[0]["evidence"][0])


def test_bad_rule_file_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad-rule.yaml"
    bad.write_text("id: bad-rule\nversion: 1\ntitle: x\noutcome: maybe\n", encoding="utf-8")
    proc = cli("check", *SAMPLE_ARGS, "--rules", str(bad), "--out", str(tmp_path))
    assert proc.returncode == 2
    assert "bad-rule.yaml" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 6


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    proc = cli("check", "--aid", str(broken), "--out", str(tmp_path))
    assert proc.returncode == 2
    assert "broken.xlsx" in proc.stderr and "Traceback" not in proc.stderr
    missing = cli("check", "--aid", str(tmp_path / "nope.csv"), "--out", str(tmp_path))
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_bad_row_is_rejected_counted_and_the_run_goes_on(tmp_path: Path) -> None:
    aid = tmp_path / "aid.csv"
    aid.write_text(
        "allocation_id,recipient_country,recipient_name,amount_usd,category,agency,fiscal_year\n"
        "A1,GTM,Unit,100,health,USAID,2023\n"
        "A2,GTM,Unit,lots,health,USAID,2023\n",
        encoding="utf-8",
    )
    proc = cli("check", "--aid", str(aid), "--out", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    doc = json.loads((tmp_path / "findings.json").read_text())
    assert doc["summary"]["rows_rejected"] == 1 and doc["summary"]["rows_checked"] == 1
    [rej] = doc["rejected_rows"]
    assert rej["row"] == 3 and rej["column"] == "amount_usd" and rej["value"] == "lots"


def test_clean_run_exits_0(tmp_path: Path) -> None:
    aid = tmp_path / "aid.csv"
    aid.write_text(
        "allocation_id,recipient_country,recipient_name,amount_usd,category,agency,fiscal_year,"
        "recipient_type\nA1,CRI,Ministerio de Salud,100,health,USAID,2023,government\n",
        encoding="utf-8",
    )
    status = tmp_path / "status.csv"
    status.write_text(
        "country,list,value,valid_from,valid_to\nCRI,tip_tier,1,2022-10-01,2023-09-30\n"
        "CRI,pts,1,2022-01-01,2022-12-31\nCOD,cspa,listed,2022-10-01,2023-09-30\n"
        "NER,coup,determined,2023-10-10,\n",
        encoding="utf-8",
    )
    proc = cli(
        "check", "--aid", str(aid), "--country-status", str(status), "--abuses",
        str(SAMPLE / "abuse_records.csv"), "--entities", str(SAMPLE / "sanctioned_entities.csv"),
        "--as-of", "2024-06-30", "--out", str(tmp_path),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_config_file_holds_options_and_flags_win(tmp_path: Path) -> None:
    (tmp_path / "conditionality.toml").write_text(
        f'aid = ["{SAMPLE / "allocations.csv"}"]\nas-of = "2020-01-01"\nformat = "json"\n'
        f'out = "from-config"\n',
        encoding="utf-8",
    )
    proc = cli("check", "--as-of", "2024-06-30", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads((tmp_path / "from-config" / "findings.json").read_text())
    assert doc["run"]["as_of"] == "2024-06-30"
    assert not (tmp_path / "from-config" / "findings.csv").exists()
    (tmp_path / "conditionality.toml").write_text("bogus = 1\n", encoding="utf-8")
    bad = cli("check", cwd=tmp_path)
    assert bad.returncode == 2 and "unknown option 'bogus'" in bad.stderr


def test_python_api_mirrors_the_cli(sample_run) -> None:
    import conditionality

    _, out = sample_run
    result = conditionality.check(
        [
            SAMPLE / "allocations.csv",
            SAMPLE / "allocations_dod.xlsx",
            SAMPLE / "fmtr_fy2020_excerpt.tsv",
        ],
        SAMPLE / "abuse_records.csv",
        SAMPLE / "country_status.csv",
        SAMPLE / "sanctioned_entities.csv",
        as_of="2024-06-30",
    )
    cli_ids = set(pd.read_csv(out / "findings.csv")["finding_id"])
    assert set(result.findings["finding_id"]) == cli_ids
    assert result.exit_code == 1
    assert result.summary["rows_rejected"] == 12


def test_rules_commands() -> None:
    assert cli("rules", "list").returncode == 0
    assert cli("rules", "validate", str(ROOT / "rules")).returncode == 0
    proc = cli("rules", "test")
    assert proc.returncode == 0 and " 0 failed" in proc.stdout


def test_inspect_shows_mapping_and_rejects(tmp_path: Path) -> None:
    proc = cli("inspect", str(SAMPLE / "allocations_dod.xlsx"))
    assert proc.returncode == 0, proc.stderr
    assert "FY2023 DoD allocations" in proc.stdout and "Header row:  4" in proc.stdout
    bad = cli("inspect", str(SAMPLE / "allocations.csv"))
    assert bad.returncode == 1 and "Atlantis" in bad.stdout
    fmtr = cli("inspect", str(SAMPLE / "fmtr_fy2020_excerpt.tsv"), "--json")
    assert fmtr.returncode == 1 and '"fmtr"' in fmtr.stdout
    missing = cli("inspect", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_template_writes_a_workbook_the_reader_accepts(tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "input.xlsx"
    proc = cli("template", "--out", str(target))
    assert proc.returncode == 0, proc.stderr
    wb = openpyxl.load_workbook(target)
    assert {"allocations", "abuse_records", "country_status", "sanctioned_entities"} <= set(
        wb.sheetnames
    )
    ws = wb["allocations"]
    assert any(dv.type == "list" for dv in ws.data_validations.dataValidation)

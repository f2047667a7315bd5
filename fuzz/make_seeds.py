#!/usr/bin/env python3
"""Writes the starting corpora of the fuzz targets into fuzz/corpus/<target>/ and the
JSON dictionary into fuzz/dicts/json.dict, from files already in the repository:
the canonical examples of docs/data-formats.md, the sample exports of
examples/data/acme/, the promotion fixtures, and the field and variant names of the
crates' sources. Deterministic; run from anywhere (`python3 fuzz/make_seeds.py`).
The corpora are not committed (they grow while fuzzing); this script is.
"""
import pathlib
import re

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
CORPUS = FUZZ / "corpus"
SEP = b"\0"

# Input::ALL, in its order (crates/remit-ingest/src/canonical.rs).
INPUTS = ["people", "identity", "job_events", "promotions", "assets", "asset_events",
          "benefits", "enrolments", "exchange_rates", "tools", "seats", "teams",
          "responses", "signals_weekly"]
# profiles::PROFILES, in its order, with the sample export of each (if any).
PROFILES = [
    ("bamboohr_employees", "bamboohr_employees.csv"),
    ("hibob_employees", None),
    ("bamboohr_job_info", "bamboohr_job_info.csv"),
    ("snipeit_hardware", "snipeit_hardware.csv"),
    ("snipeit_activity", "snipeit_activity.csv"),
    ("m365_active_users", "m365_active_users.csv"),
    ("google_workspace_users", None),
    ("okta_mfa_usage", "okta_mfa_usage.csv"),
    ("qualtrics_wide", "qualtrics_wellbeing.csv"),
    ("viva_person_query", "viva_person_query.csv"),
]
ACME = ROOT / "examples" / "data" / "acme"


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def head(path, lines):
    with open(path, "rb") as f:
        return b"".join(f.readline() for _ in range(lines))


def canonical_examples():
    """The example CSV of each canonical file in docs/data-formats.md."""
    text = (ROOT / "docs" / "data-formats.md").read_text()
    out = {}
    for m in re.finditer(r"### `([a-z_]+)\.csv` \(input `[a-z_]+`\).*?```csv\n(.*?)```", text, re.S):
        out[m.group(1)] = m.group(2).encode()
    # The example employee's manager, so that the roster validates.
    if "people" in out:
        out["people"] += b"E-1000,onsite,DE,Europe/Berlin,4,Engineering,,2019-01-01,,boss@example.com,3\n"
    return out


def promotion_csv():
    for f in sorted((ROOT / "crates" / "remit-promotion-bias" / "tests" / "fixtures").glob("*.csv")):
        write("promotion_csv", f.stem, head(f, 40))
    write("promotion_csv", "quoted", b'\xef\xbb\xbfemployee_id,work_mode,level,department,performance,tenure_months,promoted,months_to_event,gender\r\n'
          b'"E-1",remote,L2,"Sales, EMEA",4,12,true,3.5,female\r\n\r\nE-2,onsite,3,Sales,3.5,40,0,12,\r\n')


def acme_people(rows):
    """The first rows of the sample BambooHR export as a canonical people file, so that
    the sample exports' ids, e-mails and pseudonyms join."""
    import csv
    import io
    modes = {"Remote": "remote", "In Office": "onsite"}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["employee_id", "work_mode", "country", "time_zone", "level", "department",
                "manager_id", "hire_date", "termination_date", "email", "performance"])
    with open(ACME / "bamboohr_employees.csv", newline="") as f:
        for i, r in enumerate(csv.DictReader(f)):
            if i == rows:
                break
            m, d, y = r["Hire Date"].split("/")
            w.writerow([r["Employee #"], modes.get(r["Work Mode"], "hybrid"), r["Country"],
                        r["Time Zone"], r["Job Level"].lstrip("L"), r["Department"], "",
                        f"{y}-{m}-{d}", "", r["Work Email"], r["Performance Rating"]])
    return out.getvalue().encode()


def ingest_directory(examples):
    files = [examples.get(i, b"") for i in INPUTS]
    write("ingest_directory", "canonical-all", b"\0" + SEP.join(files))
    for i, name in enumerate(INPUTS):
        only = [examples.get("people", b"") if n == "people" else b"" for n in INPUTS]
        only[i] = examples.get(name, b"")
        write("ingest_directory", f"canonical-{name}", b"\0" + SEP.join(only))
    people = acme_people(12)
    for k, (profile, sample) in enumerate(PROFILES, start=1):
        if sample is None:
            continue
        rows = 6 if profile != "qualtrics_wide" else 8
        export = head(ACME / sample, rows)
        # The people file is canonical in this layout; the sample's own people are
        # BambooHR's, so give the canonical example instead.
        write("ingest_directory", f"profile-{profile}", bytes([k]) + examples.get("people", b"") + SEP + export)
        write("ingest_directory", f"profile-{profile}-acme", bytes([k]) + people + SEP + export)


def ingest_mapping():
    mapping = (ACME / "remit.toml").read_bytes()
    names = re.findall(rb'^name = "([^"]+)"', mapping, re.M)
    files = [head(ACME / n.decode(), 10) for n in names]
    write("ingest_mapping", "acme", mapping + SEP + SEP.join(files))
    write("ingest_mapping", "minimal", b'as_of = "2026-06-30"\n[[files]]\nname = "p.csv"\ninput = "people"\n'
          + SEP + canonical_examples().get("people", b""))


def json_dictionary():
    """Field names (snake_case) and variant names (as serde renames them) of every
    crate, plus literals of the value types the crates read."""
    words = set()
    for f in (ROOT / "crates").glob("*/src/**/*.rs"):
        text = f.read_text()
        words.update(re.findall(r"^\s*(?:pub(?:\([a-z]+\))? )?([a-z][a-z0-9_]*): ", text, re.M))
        for variant in re.findall(r"^\s{4}([A-Z][A-Za-z0-9]*)(?: \{|\(|,)", text, re.M):
            words.add(re.sub(r"(?<!^)(?=[A-Z])", "_", variant).lower())
    literals = ['{', '}', '[', ']', ':', ',', 'null', 'true', 'false', '"', '-1', '0', '1',
                '0.5', '1e308', '-0', '"2026-06-30"', '"2100-03-15"', '"+262142-12-31"',
                '"EUR"', '"USD"', '"JPY"', '"DE"', '"US"', '"Europe/Berlin"',
                '"America/New_York"', '"00000000-0000-0000-0000-000000000000"',
                '"79228162514264337593543950335"', '"0.01"', '"09:00:00"']
    lines = [f'"{w}"' for w in sorted(words)] + [f'"\\"{w}\\""' for w in sorted(words)]
    lines += ['"' + l.replace('\\', '\\\\').replace('"', '\\"') + '"' for l in literals]
    (FUZZ / "dicts").mkdir(exist_ok=True)
    (FUZZ / "dicts" / "json.dict").write_text("\n".join(lines) + "\n")


def main():
    examples = canonical_examples()
    promotion_csv()
    ingest_directory(examples)
    ingest_mapping()
    json_dictionary()
    for target in ["json_types", "domain_assets", "domain_benefits", "domain_collab_tools",
                   "domain_promotion", "domain_wellbeing"]:
        (CORPUS / target).mkdir(parents=True, exist_ok=True)
    print("corpora in", CORPUS)


if __name__ == "__main__":
    main()

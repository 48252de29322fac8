#!/usr/bin/env python3
"""Crosscheck the native `ledger` command against an independent implementation of
/work/shared/deal-model.md, written here from the spec alone (Python 3.11 stdlib only).

usage: python3 tests/crosscheck/crosscheck.py PATH/TO/ledger [SCENARIOS]

Runs the binary on a fixed-seed set of random scenarios over the full input ranges (values on
each input's step grid) plus named corner cases, and compares every CSV cell to 1e-6 relative
error (1e-9 absolute near zero) and the `cap_year:` line on stderr. Ends with the line
`crosscheck: N passed, M failed` and exits 1 if anything failed.
"""

import math
import random
import subprocess
import sys
import urllib.parse

SEED = 20260427
DEFAULT_COUNT = 400
REL_TOL = 1e-6
ABS_TOL = 1e-9
CAP_TOL = 1e-9
MAX_REPORTED = 20  # failing scenarios described in detail; the rest are only counted
YEARS = range(2026, 2036)

# key: (default, min, max, step), as tabled in the spec.
INPUTS = {
    "r26": (30, 5, 100, 0.5),
    "r30": (200, 20, 600, 5),
    "g": (15, -20, 60, 1),
    "rate": (20, 0, 50, 1),
    "cap": (38, 0, 200, 1),
    "until": (2030, 2026, 2035, 1),
    "old_until": (2030, 2026, 2035, 1),
    "reverse": (0, 0, 20, 0.5),
    "stake": (27, 0, 49, 0.5),
    "m26": (-65, -200, 0, 5),
    "margin": (35, -50, 60, 1),
    "profit_year": (2030, 2026, 2035, 1),
    "year": (2030, 2026, 2035, 1),
    "vol": (0, 0, 60, 1),
    "seed": (1, 1, 4294967295, 1),
}

COLUMNS = [
    "year", "revenue", "share_new", "cumulative_new", "share_old", "cumulative_old",
    "openai_kept_new", "openai_kept_old", "margin_pct", "net_income_new", "net_income_old",
    "microsoft_take_new", "microsoft_take_old", "others_take_new", "others_take_old",
]


def defaults():
    return {key: spec[0] for key, spec in INPUTS.items()}


def grid_value(rng, key):
    default, lo, hi, step = INPUTS[key]
    pick = rng.random()
    if pick < 0.08:
        return lo
    if pick < 0.16:
        return hi
    if pick < 0.22:
        return default
    n = rng.randint(0, round((hi - lo) / step))
    value = lo + n * step
    return int(value) if float(value).is_integer() else value


def random_scenario(rng):
    return {key: grid_value(rng, key) for key in INPUTS}


def corner_cases():
    """Named scenarios the random draw may miss, each a change from the defaults."""
    cases = {
        "defaults": {},
        "cap 0": {"cap": 0},
        "until before the cap year": {"until": 2027, "cap": 100},
        "until 2026, cap 200": {"until": 2026, "cap": 200},
        "reverse above rate": {"rate": 10, "reverse": 20},
        "reverse equals rate": {"rate": 15, "reverse": 15, "m26": 0, "margin": 0},
        "profit year 2026": {"profit_year": 2026},
        "r26 above r30": {"r26": 100, "r30": 20},
        "rate 0": {"rate": 0},
        "rate 0 with reverse": {"rate": 0, "reverse": 20},
        "cap never reached by 2035": {"rate": 1, "cap": 200, "until": 2035},
        "cap reached in 2026": {"cap": 1},
        "cap reached exactly in the last paid year": {"cap": 38, "until": 2029},
        "bear": {"r26": 25, "r30": 80, "g": 10},
        "bull": {"r26": 30, "r30": 280, "g": 20},
        "negative growth": {"g": -20, "until": 2035, "old_until": 2035, "cap": 200},
        "old terms end first": {"old_until": 2026, "until": 2035, "cap": 200},
        "all minimum": {key: spec[1] for key, spec in INPUTS.items()},
        "all maximum": {key: spec[2] for key, spec in INPUTS.items()},
        "stake 0": {"stake": 0},
        "profit year 2035, m26 -200": {"profit_year": 2035, "m26": -200, "margin": 60},
    }
    for name, changes in cases.items():
        scenario = defaults()
        scenario.update(changes)
        yield name, scenario


def encode(scenario, rng):
    """Sometimes every key, sometimes only those that differ from the defaults, in random order."""
    base = defaults()
    items = [
        (key, value) for key, value in scenario.items()
        if rng.random() < 0.5 or value != base[key]
    ]
    rng.shuffle(items)
    return urllib.parse.urlencode([(key, repr(value)) for key, value in items])


def expected_ledger(p):
    """The spec's equations, year by year."""
    rows = []
    c_new = 0.0
    c_old = 0.0
    cap_year = None
    for y in YEARS:
        if y <= 2030:
            r = p["r26"] * (p["r30"] / p["r26"]) ** ((y - 2026) / 4)
        else:
            r = p["r30"] * (1 + p["g"] / 100) ** (y - 2030)
        s_new = min(p["rate"] / 100 * r, max(0.0, p["cap"] - c_new)) if y <= p["until"] else 0.0
        c_new += s_new
        s_old = (p["rate"] - p["reverse"]) / 100 * r if y <= p["old_until"] else 0.0
        c_old += s_old
        if cap_year is None and c_new >= p["cap"] - CAP_TOL:
            cap_year = y
        if p["profit_year"] == 2026 or y >= p["profit_year"]:
            m = p["margin"]
        else:
            m = p["m26"] + (p["margin"] - p["m26"]) * (y - 2026) / (p["profit_year"] - 2026)
        n_new = m / 100 * r - s_new
        n_old = m / 100 * r - s_old
        stake = p["stake"] / 100
        rows.append([
            y, r, s_new, c_new, s_old, c_old, r - s_new, r - s_old, m, n_new, n_old,
            s_new + stake * n_new, s_old + stake * n_old,
            (1 - stake) * n_new, (1 - stake) * n_old,
        ])
    return rows, cap_year


def close(actual, expected):
    diff = abs(actual - expected)
    return diff <= ABS_TOL or diff <= REL_TOL * abs(expected)


def check(binary, name, scenario, query):
    """Problems found for one scenario; an empty list means it passed."""
    try:
        # Bytes, not text mode: text mode would turn the CSV's CRLF into LF unseen.
        run = subprocess.run([binary, query], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        return [f"could not run {binary}: {error}"]
    stdout = run.stdout.decode("utf-8", errors="replace")
    stderr = run.stderr.decode("utf-8", errors="replace")
    if run.returncode != 0:
        return [f"exit code {run.returncode}: {stderr.strip()}"]
    problems = []
    records = stdout.split("\r\n")
    if records[-1] != "":
        problems.append("the CSV does not end with CRLF")
    records = records[:-1]
    if not records or records[0] != ",".join(COLUMNS):
        return problems + [f"header is {records[0] if records else None!r}"]
    expected_rows, expected_cap_year = expected_ledger(scenario)
    if len(records) - 1 != len(expected_rows):
        return problems + [f"{len(records) - 1} rows, expected {len(expected_rows)}"]
    for record, expected in zip(records[1:], expected_rows):
        cells = record.split(",")
        if len(cells) != len(COLUMNS):
            problems.append(f"{len(cells)} cells in {record!r}")
            continue
        if cells[0] != str(expected[0]):
            problems.append(f"year {cells[0]}, expected {expected[0]}")
        for column, cell, want in zip(COLUMNS[1:], cells[1:], expected[1:]):
            try:
                got = float(cell)
            except ValueError:
                problems.append(f"{expected[0]} {column}: {cell!r} is not a number")
                continue
            if not math.isfinite(got) or not close(got, want):
                problems.append(f"{expected[0]} {column}: {got!r}, expected {want!r}")
    stderr_lines = stderr.splitlines()
    if any(line.startswith("notice:") for line in stderr_lines):
        problems.append("notices for a valid query: " + "; ".join(
            line for line in stderr_lines if line.startswith("notice:")))
    cap_lines = [line for line in stderr_lines if line.startswith("cap_year: ")]
    want_cap = "none" if expected_cap_year is None else str(expected_cap_year)
    if len(cap_lines) != 1:
        problems.append(f"expected one cap_year line on stderr, got {len(cap_lines)}")
    elif cap_lines[0] != f"cap_year: {want_cap}":
        problems.append(f"{cap_lines[0]!r}, expected 'cap_year: {want_cap}'")
    if len(stderr_lines) < 2 or not stderr_lines[-2].strip():
        problems.append("no summary before the cap_year line")
    return problems


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary = argv[1]
    count = int(argv[2]) if len(argv) == 3 else DEFAULT_COUNT
    rng = random.Random(SEED)
    scenarios = list(corner_cases())
    scenarios += [(f"random #{i}", random_scenario(rng)) for i in range(count)]
    passed = failed = 0
    for name, scenario in scenarios:
        query = encode(scenario, rng)
        problems = check(binary, name, scenario, query)
        if problems:
            failed += 1
            if failed > MAX_REPORTED:
                continue
            print(f"FAIL {name}: {query}", file=sys.stderr)
            for problem in problems[:5]:
                print(f"  {problem}", file=sys.stderr)
            if len(problems) > 5:
                print(f"  ... and {len(problems) - 5} more", file=sys.stderr)
        else:
            passed += 1
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

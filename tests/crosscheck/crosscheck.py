#!/usr/bin/env python3
"""Crosscheck the native `ledger` command against an independent implementation of the deal
model (docs/model.md), written here from the model's specification alone (Python 3.11 stdlib
only).

usage: python3 tests/crosscheck/crosscheck.py PATH/TO/ledger [SCENARIOS]

Four families of checks, each counted in the closing line:

- python model: this file's own implementation against the model's identities, its
  monotonicity properties and the figures the document states (the leak arithmetic, the $96B
  gross old-terms total at the defaults, the r30 that reaches $135B), and its yearly ledger
  against a closed form of the sweep's totals. These need no binary.
- ledger: `ledger QUERY` on a fixed-seed set of random scenarios over the full input ranges
  (values on each input's step grid; SCENARIOS of them, 400 by default) plus named corner
  cases. Every CSV cell is compared to 1e-6 relative error (1e-9 absolute near zero), and the
  `cap_year:` line on stderr.
- sweep: `ledger --sweep QUERY` on a few dozen scenarios: the header, one row per r30 from 20
  to 600 in steps of 5 (117 rows), each total compared like the ledger's cells.
- ensemble: `ledger --ensemble QUERY` on a handful of scenarios. The draws depend on the
  generator, so the checks are the statistical and structural ones the model states: per year
  |ln(p50 of revenue / R(y))| <= 4 * 1.2533 * (vol/100) * sqrt(y - 2026) / sqrt(n); the 2026
  revenue band is r26 exactly; p10 <= p50 <= p90 in every band; the cumulative_new bands lie
  in [0, cap] and never fall; the share of paths with the cap reached never falls; with
  vol = 0 every band is the deterministic ledger.

Prints one line per family, then `crosscheck: N passed, M failed`, and exits 1 if anything
failed.
"""

import math
import random
import subprocess
import sys
import urllib.parse

SEED = 20260427
DEFAULT_COUNT = 400
SWEEP_COUNT = 30  # random scenarios for the sweep, besides its named ones
MONOTONE_COUNT = 60  # random scenarios whose inputs are each raised by one step
REL_TOL = 1e-6
ABS_TOL = 1e-9
CAP_TOL = 1e-9
EXACT_TOL = 1e-9  # relative, for values the model states exactly (the 2026 revenue band)
MAX_REPORTED = 20  # failing checks described in detail; the rest are only counted
YEARS = range(2026, 2036)
TIMEOUT = 60  # seconds for one run of the binary

# key: (default, min, max, step), as tabled in the model.
INPUTS = {
    "r26": (30, 5, 100, 0.5),
    "r30": (200, 20, 600, 5),
    "g": (15, -20, 60, 1),
    "rate": (20, 0, 50, 1),
    "cap": (38, 0, 200, 1),
    "until": (2030, 2026, 2035, 1),
    "old_until": (2030, 2026, 2035, 1),
    "reverse": (0, 0, 20, 0.5),
    "covered": (100, 0, 100, 5),
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
COLUMN = {name: index for index, name in enumerate(COLUMNS)}

SWEEP_COLUMNS = ["r30", "total_paid_new", "total_paid_old", "total_take_new", "total_take_old"]


def tidy(value):
    return int(value) if float(value).is_integer() else value


def grid(key):
    """Every value of an input's grid, from its minimum to its maximum."""
    _, lo, hi, step = INPUTS[key]
    return [tidy(lo + n * step) for n in range(round((hi - lo) / step) + 1)]


SWEEP_R30 = grid("r30")  # 20, 25, ..., 600: 117 values


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
    return tidy(lo + rng.randint(0, round((hi - lo) / step)) * step)


def random_scenario(rng):
    return {key: grid_value(rng, key) for key in INPUTS}


def scenario_of(changes):
    scenario = defaults()
    scenario.update(changes)
    return scenario


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
        "reverse from the 2024 leak": {"reverse": 6.5},
        "covered 0": {"covered": 0},
        "covered 0, cap 0": {"covered": 0, "cap": 0},
        "covered 0 with reverse": {"covered": 0, "reverse": 6.5},
        "covered 50 with reverse": {"covered": 50, "reverse": 6.5},
        "covered 50, share equals reverse": {"covered": 50, "rate": 20, "reverse": 10,
                                              "old_until": 2035},
        "covered 5, cap never reached": {"covered": 5, "until": 2035},
        "covered 50, cap 200 until 2035": {"covered": 50, "cap": 200, "until": 2035},
        "r30 that reaches $135B": {"r30": 320},
    }
    for name, changes in cases.items():
        yield name, scenario_of(changes)


def encode(scenario, rng):
    """Sometimes every key, sometimes only those that differ from the defaults, in random order."""
    base = defaults()
    items = [
        (key, value) for key, value in scenario.items()
        if rng.random() < 0.5 or value != base[key]
    ]
    rng.shuffle(items)
    return urllib.parse.urlencode([(key, repr(value)) for key, value in items])


# --- the model ---------------------------------------------------------------------------------

def revenue(p, y):
    if y <= 2030:
        return p["r26"] * (p["r30"] / p["r26"]) ** ((y - 2026) / 4)
    return p["r30"] * (1 + p["g"] / 100) ** (y - 2030)


def margin_pct(p, y):
    if p["profit_year"] == 2026 or y >= p["profit_year"]:
        return p["margin"]
    return p["m26"] + (p["margin"] - p["m26"]) * (y - 2026) / (p["profit_year"] - 2026)


def expected_ledger(p, revenues=None):
    """The model's equations, year by year: the rows of the CSV and the cap year. `revenues`
    replaces R(y) (one value per model year), as the ensemble does path by path."""
    rows = []
    c_new = 0.0
    c_old = 0.0
    cap_year = None
    stake = p["stake"] / 100
    for i, y in enumerate(YEARS):
        r = revenue(p, y) if revenues is None else revenues[i]
        b = p["covered"] / 100 * r
        s_new = min(p["rate"] / 100 * b, max(0.0, p["cap"] - c_new)) if y <= p["until"] else 0.0
        c_new += s_new
        s_old = p["rate"] / 100 * b - p["reverse"] / 100 * r if y <= p["old_until"] else 0.0
        c_old += s_old
        if cap_year is None and c_new >= p["cap"] - CAP_TOL:
            cap_year = y
        m = margin_pct(p, y)
        n_new = m / 100 * r - s_new
        n_old = m / 100 * r - s_old
        rows.append([
            y, r, s_new, c_new, s_old, c_old, r - s_new, r - s_old, m, n_new, n_old,
            s_new + stake * n_new, s_old + stake * n_old,
            (1 - stake) * n_new, (1 - stake) * n_old,
        ])
    return rows, cap_year


def ledger_totals(p):
    """The sweep's four totals from the yearly ledger."""
    rows, _ = expected_ledger(p)
    return [
        rows[-1][COLUMN["cumulative_new"]],
        rows[-1][COLUMN["cumulative_old"]],
        sum(row[COLUMN["microsoft_take_new"]] for row in rows),
        sum(row[COLUMN["microsoft_take_old"]] for row in rows),
    ]


def closed_totals(p):
    """The sweep's four totals in closed form, a second route to the same numbers: payments
    under the new terms are greedy, so C_new(2035) = min(cap, sum of rate/100 * B(y) through
    until); and summed over the years, M = S + stake * (m R - S), so total take =
    (1 - stake) * total paid + stake * sum of m(y)/100 * R(y)."""
    rs = [revenue(p, y) for y in YEARS]
    share = p["rate"] / 100 * p["covered"] / 100
    paid_new = min(p["cap"], sum(share * r for y, r in zip(YEARS, rs) if y <= p["until"]))
    paid_old = sum((share - p["reverse"] / 100) * r
                   for y, r in zip(YEARS, rs) if y <= p["old_until"])
    operating = sum(margin_pct(p, y) / 100 * r for y, r in zip(YEARS, rs))
    stake = p["stake"] / 100
    return [
        paid_new,
        paid_old,
        (1 - stake) * paid_new + stake * operating,
        (1 - stake) * paid_old + stake * operating,
    ]


def expected_sweep(p):
    """One row per r30 on its grid: r30 and the four totals, every other input from `p`."""
    return [[v] + closed_totals({**p, "r30": v}) for v in SWEEP_R30]


def close(actual, expected):
    diff = abs(actual - expected)
    return diff <= ABS_TOL or diff <= REL_TOL * abs(expected)


def close_exact(actual, expected):
    return abs(actual - expected) <= EXACT_TOL * abs(expected)


# --- python model: identities, monotonicity, stated figures --------------------------------------

def identity_problems(p):
    rows, cap_year = expected_ledger(p)
    problems = []

    def need(ok, what):
        if not ok:
            problems.append(what)

    previous = 0.0
    for row in rows:
        y, r = row[0], row[1]
        s_new, c_new, s_old = row[2], row[3], row[4]
        m = row[8]
        b = p["covered"] / 100 * r
        need(close(s_new + row[6], r), f"{y}: S_new + K_new != R")
        need(close(s_old + row[7], r), f"{y}: S_old + K_old != R")
        need(close(row[11] + row[13], m / 100 * r), f"{y}: M_new + O_new != m R")
        need(close(row[12] + row[14], m / 100 * r), f"{y}: M_old + O_old != m R")
        need(-ABS_TOL <= s_new <= p["rate"] / 100 * b * (1 + REL_TOL) + ABS_TOL,
             f"{y}: S_new {s_new} outside [0, rate/100 * B]")
        need(c_new >= previous, f"{y}: C_new falls")
        need(c_new <= p["cap"] + CAP_TOL, f"{y}: C_new {c_new} above the cap")
        need(y <= p["until"] or s_new == 0, f"{y}: S_new after until")
        need(close(row[12] - row[11], (1 - p["stake"] / 100) * (s_old - s_new)),
             f"{y}: Microsoft's change in take is not (1 - stake) of the payment's")
        previous = c_new
    if p["cap"] == 0:
        need(cap_year == 2026, f"cap 0 reached in {cap_year}, not 2026")
    # With a cap no payment reaches, equal end years and no reverse share, the terms agree.
    same = {**p, "cap": 200, "old_until": p["until"], "reverse": 0}
    if ledger_totals(same)[0] < 200 - 1e-6:
        rows_same, _ = expected_ledger(same)
        for row in rows_same:
            for new, old in ((2, 4), (3, 5), (6, 7), (9, 10), (11, 12), (13, 14)):
                need(close(row[new], row[old]),
                     f"{row[0]}: {COLUMNS[new]} != {COLUMNS[old]} with an unreached cap")
    return problems


def step_up(p, key):
    _, _, hi, step = INPUTS[key]
    return None if p[key] + step > hi + 1e-9 else {**p, key: tidy(p[key] + step)}


def step_down(p, key):
    _, lo, _, step = INPUTS[key]
    return None if p[key] - step < lo - 1e-9 else {**p, key: tidy(p[key] - step)}


def monotonicity_problems(p):
    """The model's monotonicity claims, each input moved by one step from `p`."""
    problems = []
    base = expected_ledger(p)[0]

    def compare(changed, column, what, rising):
        if changed is None:
            return
        for row, row2 in zip(base, expected_ledger(changed)[0]):
            a, b = row[COLUMN[column]], row2[COLUMN[column]]
            tol = ABS_TOL + REL_TOL * abs(a)
            if (b < a - tol) if rising else (b > a + tol):
                problems.append(f"{row[0]}: {column} {'falls' if rising else 'rises'} "
                                f"({a!r} to {b!r}) when {what}")
                return

    for key in ("cap", "rate", "covered", "r26", "r30", "g", "until"):
        compare(step_up(p, key), "cumulative_new", f"{key} rises", True)
    compare(step_up(p, "rate"), "cumulative_old", "rate rises", True)
    compare(step_up(p, "covered"), "cumulative_old", "covered rises", True)
    compare(step_down(p, "reverse"), "cumulative_old", "reverse falls", True)
    grows = p["rate"] * p["covered"] / 100 >= p["reverse"]
    for key in ("r26", "r30", "g"):
        compare(step_up(p, key), "cumulative_old", f"{key} rises", grows)
    if grows:
        compare(step_up(p, "old_until"), "cumulative_old", "old_until rises", True)
    return problems


def stated_figures():
    """The figures docs/model.md states, from this implementation: (name, problems)."""
    checks = []
    p = defaults()
    rows, cap_year = expected_ledger(p)
    gross = sum(revenue(p, y) for y in range(2026, 2031))
    checks.append(("defaults: revenue 2026-2030 is $480B, 20% of it $96B, not $135B", [] if (
        round(gross) == 480 and round(rows[4][COLUMN["cumulative_old"]]) == 96) else [
        f"revenue {gross}, old-terms total {rows[4][COLUMN['cumulative_old']]}"]))
    checks.append(("defaults: cap year 2029", [] if cap_year == 2029 else [f"{cap_year}"]))
    checks.append(("cap 0 is reached in 2026",
                   [] if expected_ledger(scenario_of({"cap": 0}))[1] == 2026 else ["not 2026"]))
    leak = (0.20 * 3.7 - 0.4938) / 3.7
    checks.append(("leak: reverse share about 6.7%, 6.5 on the 0.5 grid", [] if (
        round(leak, 4) == 0.0665 and round(leak * 100 * 2) / 2 == 6.5) else [f"{leak}"]))
    # r30 for $135B under the old terms through 2030, by bisection on this revenue path.
    lo, hi = 20.0, 600.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if ledger_totals({**p, "r30": mid})[1] < 135:
            lo = mid
        else:
            hi = mid
    checks.append(("old terms reach $135B at r30 of about $317B", [] if (
        round(lo) == 317 and ledger_totals({**p, "r30": 315})[1] < 135
        < ledger_totals({**p, "r30": 320})[1]) else [f"r30 {lo}"]))
    mean_2035 = math.exp((2035 - 2026) * 0.2 ** 2 / 2)
    checks.append(("ensemble mean about 20% above the line in 2035 at vol 20",
                   [] if round(mean_2035 - 1, 1) == 0.2 else [f"{mean_2035}"]))
    checks.append(("sweep: 117 values of r30, 20 to 600", [] if (
        len(SWEEP_R30) == 117 and SWEEP_R30[0] == 20 and SWEEP_R30[-1] == 600) else
        [f"{len(SWEEP_R30)} values"]))
    return checks


def sweep_model_problems(p):
    """The closed-form sweep against the yearly ledger, and the sweep's monotonicity in r30."""
    problems = []
    sweep = expected_sweep(p)
    for row in sweep:
        for column, got, want in zip(SWEEP_COLUMNS[1:], row[1:], ledger_totals({**p, "r30": row[0]})):
            if not close(got, want):
                problems.append(f"r30={row[0]} {column}: closed form {got!r}, ledger {want!r}")
    grows = p["rate"] * p["covered"] / 100 >= p["reverse"]
    for a, b in zip(sweep, sweep[1:]):
        if b[1] < a[1] - ABS_TOL - REL_TOL * abs(a[1]):
            problems.append(f"total_paid_new falls from r30={a[0]} to {b[0]}")
        tol = ABS_TOL + REL_TOL * abs(a[2])
        if (b[2] < a[2] - tol) if grows else (b[2] > a[2] + tol):
            problems.append(f"total_paid_old moves the wrong way from r30={a[0]} to {b[0]}")
    return problems


# --- running the binary --------------------------------------------------------------------------

def run(binary, args):
    """(stdout, stderr, problems) of one run; problems is non-empty if it could not run."""
    try:
        # Bytes, not text mode: text mode would turn the CSV's CRLF into LF unseen.
        done = subprocess.run([binary, *args], capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError) as error:
        return "", "", [f"could not run {binary}: {error}"]
    stdout = done.stdout.decode("utf-8", errors="replace")
    stderr = done.stderr.decode("utf-8", errors="replace")
    if done.returncode != 0:
        return stdout, stderr, [f"exit code {done.returncode}: {stderr.strip()[:300]}"]
    return stdout, stderr, []


def records_of(stdout, header):
    """The CSV's records after the header, and the problems with its framing."""
    problems = []
    records = stdout.split("\r\n")
    if records[-1] != "":
        problems.append("the CSV does not end with CRLF")
    records = records[:-1]
    if not records or records[0] != header:
        got = records[0] if records else None
        return None, problems + [f"header is {got!r}"[:300]]
    return records[1:], problems


def notices(stderr):
    found = [line for line in stderr.splitlines() if line.startswith("notice:")]
    return ["notices for a valid query: " + "; ".join(found)] if found else []


def compare_cells(label, cells, expected, columns):
    problems = []
    for column, cell, want in zip(columns, cells, expected):
        try:
            got = float(cell)
        except ValueError:
            problems.append(f"{label} {column}: {cell!r} is not a number")
            continue
        if not math.isfinite(got) or not close(got, want):
            problems.append(f"{label} {column}: {got!r}, expected {want!r}")
    return problems


def check_table(binary, args, columns, expected_rows, check_record):
    """Run the binary with `args` for a CSV of `columns` with a record per expected row, and
    check each record with check_record(cells, expected) -> problems. Returns the problems and
    the run's stderr; stderr is None when there was no table to check."""
    stdout, stderr, problems = run(binary, args)
    if problems:
        return problems, None
    records, problems = records_of(stdout, ",".join(columns))
    if records is None:
        return problems, None
    if len(records) != len(expected_rows):
        return problems + [f"{len(records)} rows, expected {len(expected_rows)}"], None
    for record, expected in zip(records, expected_rows):
        cells = record.split(",")
        if len(cells) != len(columns):
            problems.append(f"{len(cells)} cells in {record!r}")
            continue
        problems += check_record(cells, expected)
    return problems, stderr


def check_ledger(binary, scenario, query):
    """Problems found for one scenario's ledger; an empty list means it passed."""
    expected_rows, expected_cap_year = expected_ledger(scenario)

    def check_record(cells, expected):
        year = [] if cells[0] == str(expected[0]) else [f"year {cells[0]}, expected {expected[0]}"]
        return year + compare_cells(expected[0], cells[1:], expected[1:], COLUMNS[1:])

    problems, stderr = check_table(binary, [query], COLUMNS, expected_rows, check_record)
    if stderr is None:
        return problems
    problems += notices(stderr)
    stderr_lines = stderr.splitlines()
    cap_lines = [line for line in stderr_lines if line.startswith("cap_year: ")]
    want_cap = "none" if expected_cap_year is None else str(expected_cap_year)
    if len(cap_lines) != 1:
        problems.append(f"expected one cap_year line on stderr, got {len(cap_lines)}")
    elif cap_lines[0] != f"cap_year: {want_cap}":
        problems.append(f"{cap_lines[0]!r}, expected 'cap_year: {want_cap}'")
    if len(stderr_lines) < 2 or not stderr_lines[-2].strip():
        problems.append("no summary before the cap_year line")
    return problems


def check_sweep(binary, scenario, query):
    problems, stderr = check_table(
        binary, ["--sweep", query], SWEEP_COLUMNS, expected_sweep(scenario),
        lambda cells, expected: compare_cells(f"r30={expected[0]}", cells, expected, SWEEP_COLUMNS))
    return problems if stderr is None else problems + notices(stderr)


def check_ensemble(binary, scenario, query, paths=None):
    args = ["--ensemble"] + (["--paths", str(paths)] if paths else []) + [query]
    stdout, stderr, problems = run(binary, args)
    if problems:
        return problems
    lines = stdout.split("\r\n")
    if lines[-1] != "":
        problems.append("the CSV does not end with CRLF")
    lines = lines[:-1]
    if len(lines) != 1 + len(YEARS):
        return problems + [f"{len(lines)} lines, expected a header and {len(YEARS)} rows"]
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    if header[0] != "year" or any(len(row) != len(header) for row in rows):
        return problems + [f"header {lines[0][:200]!r} or row lengths do not match"]
    try:
        values = [[float(cell) for cell in row] for row in rows]
    except ValueError as error:
        return problems + [f"a cell is not a number: {error}"]
    if any(not math.isfinite(v) for row in values for v in row):
        problems.append("a cell is not finite")
    if [int(row[0]) for row in values] != list(YEARS):
        problems.append(f"years {[row[0] for row in rows]}")

    def column(name):
        return [row[header.index(name)] for row in values] if name in header else None

    bands = [name[:-4] for name in header if name.endswith("_p50")]
    for band in ("revenue", "cumulative_new") + tuple(COLUMNS[1:8]) + tuple(COLUMNS[9:]):
        if band not in bands or any(f"{band}_{p}" not in header for p in ("p10", "p90")):
            problems.append(f"no {band} band (p10, p50, p90)")
    if problems:
        return problems

    n = paths or 10_000
    path_lines = [line for line in stderr.splitlines() if line.startswith("paths: ")]
    if path_lines:
        n = int(path_lines[0].split()[1])
    if paths and n != paths:
        problems.append(f"paths: {n}, asked for {paths}")
    sigma = scenario["vol"] / 100
    p10, p50, p90 = (column(f"revenue_{p}") for p in ("p10", "p50", "p90"))
    r26 = revenue(scenario, 2026)
    if not (close_exact(p10[0], r26) and close_exact(p50[0], r26) and close_exact(p90[0], r26)):
        problems.append(f"2026 revenue band {p10[0]!r}, {p50[0]!r}, {p90[0]!r}, expected r26 {r26!r}")
    for i, y in enumerate(YEARS):
        if y == 2026:
            continue
        bound = 4 * 1.2533 * sigma * math.sqrt(y - 2026) / math.sqrt(n)
        plan = revenue(scenario, y)
        off = abs(math.log(p50[i] / plan)) if p50[i] > 0 else math.inf
        if off > bound + EXACT_TOL:
            problems.append(f"{y}: |ln(p50 {p50[i]:.6g} / R(y) {plan:.6g})| = {off:.4g} "
                            f"> {bound:.4g}")
    for band in bands:
        lows, mids, highs = (column(f"{band}_{p}") for p in ("p10", "p50", "p90"))
        for y, lo, mid, hi in zip(YEARS, lows, mids, highs):
            if not lo <= mid <= hi:
                problems.append(f"{y} {band}: p10 {lo!r}, p50 {mid!r}, p90 {hi!r} out of order")
    for p in ("p10", "p50", "p90"):
        cumulative = column(f"cumulative_new_{p}")
        for y, value in zip(YEARS, cumulative):
            if not -ABS_TOL <= value <= scenario["cap"] + CAP_TOL:
                problems.append(f"{y} cumulative_new_{p} {value!r} outside [0, cap]")
        for y, a, b in zip(YEARS[1:], cumulative, cumulative[1:]):
            if b < a:
                problems.append(f"{y} cumulative_new_{p} falls from {a!r} to {b!r}")
    reached = column("cap_reached_by")
    if reached is not None:
        if any(not 0 <= v <= 1 for v in reached) or any(b < a for a, b in zip(reached, reached[1:])):
            problems.append(f"cap_reached_by {reached} not a non-decreasing share")
    if sigma == 0:
        # Every path is the deterministic ledger: each band is its value, the cap share 0 or 1.
        expected_rows, cap_year = expected_ledger(scenario)
        for band in bands:
            if band not in COLUMN:
                continue
            for i, y in enumerate(YEARS):
                want = expected_rows[i][COLUMN[band]]
                for p in ("p10", "p50", "p90"):
                    got = column(f"{band}_{p}")[i]
                    if not close(got, want):
                        problems.append(f"vol 0, {y} {band}_{p}: {got!r}, expected {want!r}")
        if reached is not None:
            want = [1.0 if cap_year is not None and y >= cap_year else 0.0 for y in YEARS]
            if reached != want:
                problems.append(f"vol 0: cap_reached_by {reached}, expected {want}")
    return problems + notices(stderr)


def ensemble_cases():
    """(name, scenario, paths or None): vol above 0 except one, which must be the ledger."""
    return [
        ("vol 20 at the defaults", scenario_of({"vol": 20}), None),
        ("vol 60, seed at its maximum", scenario_of({"vol": 60, "seed": 4294967295}), None),
        ("vol 1, bull", scenario_of({"vol": 1, "r26": 30, "r30": 280, "g": 20}), None),
        ("vol 35, covered 50 with reverse, cap 200 until 2035",
         scenario_of({"vol": 35, "seed": 7, "covered": 50, "reverse": 6.5, "cap": 200,
                      "until": 2035, "old_until": 2035}), None),
        ("vol 25, bear, 2,000 paths",
         scenario_of({"vol": 25, "seed": 99, "r26": 25, "r30": 80, "g": 10}), 2000),
        ("vol 10, cap 0", scenario_of({"vol": 10, "cap": 0, "g": -20}), None),
        ("vol 0 is the deterministic ledger", scenario_of({"vol": 0, "r30": 280, "cap": 50}), 500),
    ]


# --- the run -------------------------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.families = {}
        self.reported = 0

    def record(self, family, name, problems, query=None):
        passed, failed = self.families.get(family, (0, 0))
        if not problems:
            self.families[family] = (passed + 1, failed)
            return
        self.families[family] = (passed, failed + 1)
        self.reported += 1
        if self.reported > MAX_REPORTED:
            return
        where = f": {query}" if query is not None else ""
        print(f"FAIL {family}, {name}{where}", file=sys.stderr)
        for problem in problems[:5]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > 5:
            print(f"  ... and {len(problems) - 5} more", file=sys.stderr)


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary = argv[1]
    count = int(argv[2]) if len(argv) == 3 else DEFAULT_COUNT
    tally = Tally()

    rng = random.Random(SEED)
    scenarios = list(corner_cases())
    scenarios += [(f"random #{i}", random_scenario(rng)) for i in range(count)]

    model_rng = random.Random(SEED + 1)
    for name, problems in stated_figures():
        tally.record("python model", name, problems)
    for name, scenario in scenarios:
        tally.record("python model", f"identities, {name}", identity_problems(scenario))
    for i in range(MONOTONE_COUNT):
        scenario = random_scenario(model_rng)
        tally.record("python model", f"monotonicity #{i}", monotonicity_problems(scenario),
                     urllib.parse.urlencode(scenario))

    for name, scenario in scenarios:
        query = encode(scenario, rng)
        tally.record("ledger", name, check_ledger(binary, scenario, query), query)

    sweep_rng = random.Random(SEED + 2)
    named = ("defaults", "cap 0", "reverse above rate", "covered 0", "covered 0, cap 0",
             "covered 50 with reverse", "covered 50, share equals reverse", "all minimum",
             "all maximum", "negative growth", "bull")
    sweeps = [(name, scenario) for name, scenario in corner_cases() if name in named]
    sweeps += [(f"random #{i}", random_scenario(sweep_rng)) for i in range(SWEEP_COUNT)]
    for name, scenario in sweeps:
        tally.record("python model", f"sweep closed form, {name}", sweep_model_problems(scenario))
        query = encode(scenario, sweep_rng)
        tally.record("sweep", name, check_sweep(binary, scenario, query), query)

    ensemble_rng = random.Random(SEED + 3)
    for name, scenario, paths in ensemble_cases():
        query = encode(scenario, ensemble_rng)
        tally.record("ensemble", name, check_ensemble(binary, scenario, query, paths), query)

    passed = failed = 0
    for family, (ok, bad) in tally.families.items():
        print(f"{family}: {ok} passed, {bad} failed")
        passed += ok
        failed += bad
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

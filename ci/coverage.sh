#!/usr/bin/env bash
# Line and branch coverage of each bytecode tier's compiler and VM (stack VM, register VM, JIT) by the
# corpus plus the fixed fuzz run CI makes (seed 1, 2,000 programs), measured with coverlet over the kill
# suite (fuzzing/Veld.Verification.Tests). Writes artifacts/coverage/coverage.cobertura.xml (per file,
# per line) and artifacts/coverage/coverage.md (per file: lines and branches covered, grouped by tier
# and area), and prints the Markdown. Usage: ci/coverage.sh [FUZZ_SLICES] (slices of 50 programs; 40).
# Too slow for CI on two shared cores (about 25 minutes); run by hand, figures go to docs/FUZZING.md.
# VELD_KILL_CORPUS (comma-separated corpus folders) and FUZZ_SLICES 0 measure a slice while iterating
# (the fuzz test then fails with "No data found", which is expected).
# ci/coverage.sh --tier-tests: the same figures measured over the tiers' own test projects (the corpus through each VM,
# plus their unit tests), no fuzz run; a few minutes after a Release build.
# ci/coverage.sh --reports DIR: what CI runs: no test run, the figures of the Cobertura reports under DIR. CI's test
# step runs the whole solution with ci/coverage.runsettings, so the tiers' test projects (the ones that reference
# coverlet.collector) leave their reports beside the test results, and no test runs twice.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mode=kill-suite
if [ "${1:-}" = "--tier-tests" ]; then mode=tier-tests; shift; fi
if [ "${1:-}" = "--reports" ]; then mode=reports; from="${2:?--reports needs the directory the test run wrote}"; shift 2; fi
export VELD_KILL_FUZZ_SLICES="${1:-40}"

out=artifacts/coverage
rm -rf "$out/raw"
mkdir -p "$out/raw"

# A failing test (a disagreement) still leaves its coverage; report it, and fail at the end.
status=0
tier_tests="the tiers' own test projects (the corpus through each VM, and their unit tests; no fuzz run)"
if [ "$mode" = reports ]; then
    projects=()
    measured=$tier_tests
    # Each report in a folder of its own under raw/, as the --tier-tests runs below leave them.
    n=0
    while IFS= read -r report; do
        n=$((n + 1)); mkdir -p "$out/raw/$n"; cp "$report" "$out/raw/$n/"
    done < <(find "$from" -name coverage.cobertura.xml -not -path '*/In/*' | sort)  # In/: the trx logger's copies
    if [ "$n" -eq 0 ]; then echo "no coverage.cobertura.xml under $from: run the tests with --settings ci/coverage.runsettings --collect \"XPlat Code Coverage\"" >&2; exit 1; fi
elif [ "$mode" = kill-suite ]; then
    projects=(fuzzing/Veld.Verification.Tests)
    dotnet build fuzzing/Veld.Verification.Tests -c Release
    measured="the corpus and the fixed fuzz run ($VELD_KILL_FUZZ_SLICES slices of 50 programs)"
else
    projects=(legacy-stack-vm/Veld.StackVm.Tests register-vm/Veld.RegisterVm.Tests jit/Veld.Jit.Tests)
    measured=$tier_tests
fi
for project in ${projects[@]+"${projects[@]}"}; do
    dotnet test "$project" -c Release --no-build \
        --settings ci/coverage.runsettings --results-directory "$out/raw/$(basename "$project")" \
        --collect "XPlat Code Coverage" || status=$?
done
mapfile -t reports < <(find "$out/raw" -name coverage.cobertura.xml | sort)
cp "${reports[0]}" "$out/coverage.cobertura.xml"

python3 - "$measured" "${reports[@]}" > "$out/coverage.md" <<'PY'
import sys, re, xml.etree.ElementTree as ET
from collections import defaultdict

# Per file: line hits and branch (covered, total), merged over the classes coverlet lists for the file and over
# the reports (one per test project).
lines = defaultdict(dict)
branches = defaultdict(dict)
for cls in (c for report in sys.argv[2:] for c in ET.parse(report).getroot().iter("class")):
    name = cls.get("filename").replace("\\", "/")
    for line in cls.iter("line"):
        n = int(line.get("number"))
        lines[name][n] = max(lines[name].get(n, 0), int(line.get("hits")))
        m = re.match(r".*\((\d+)/(\d+)\)", line.get("condition-coverage") or "")
        if m:
            old = branches[name].get(n, (0, 0))
            branches[name][n] = (max(old[0], int(m.group(1))), max(old[1], int(m.group(2))))

def area(path):
    for tier in ("legacy-stack-vm/Veld.StackVm", "register-vm/Veld.RegisterVm", "jit/Veld.Jit"):
        i = path.find(tier + "/")
        if i >= 0:
            rest = path[i + len(tier) + 1:]
            return tier.split("/")[0], (rest.split("/")[0] if "/" in rest else "(root)"), rest
    return None, None, path

def pct(a, b): return f"{100.0 * a / b:.1f}%" if b else "-"

rows = defaultdict(list)
for path in sorted(lines):
    tier, folder, rest = area(path)
    if tier is None: continue
    lc = sum(1 for h in lines[path].values() if h > 0); lt = len(lines[path])
    bc = sum(c for c, _ in branches[path].values()); bt = sum(t for _, t in branches[path].values())
    rows[(tier, folder)].append((rest, lc, lt, bc, bt))

print(f"# Coverage of the bytecode tiers by {sys.argv[1]}\n")
print("| tier | area | lines | line % | branches | branch % |")
print("|---|---|---|---|---|---|")
for (tier, folder), files in sorted(rows.items()):
    lc = sum(f[1] for f in files); lt = sum(f[2] for f in files); bc = sum(f[3] for f in files); bt = sum(f[4] for f in files)
    print(f"| {tier} | {folder} | {lc}/{lt} | {pct(lc, lt)} | {bc}/{bt} | {pct(bc, bt)} |")
    # The dispatch loop (the VM's *.Dispatch.cs) has its own target, so it also gets its own row.
    for rest, lc, lt, bc, bt in files:
        if rest.endswith(".Dispatch.cs"):
            print(f"| {tier} | {folder} dispatch loop ({rest.split('/')[-1]}) | {lc}/{lt} | {pct(lc, lt)} | {bc}/{bt} | {pct(bc, bt)} |")
print("\n## Per file\n")
print("| tier | file | lines | line % | branches | branch % | lines not covered |")
print("|---|---|---|---|---|---|---|")
for (tier, folder), files in sorted(rows.items()):
    for rest, lc, lt, bc, bt in files:
        path = next(p for p in lines if p.endswith(tier + "/" + ("Veld.StackVm" if tier == "legacy-stack-vm" else "Veld.RegisterVm" if tier == "register-vm" else "Veld.Jit") + "/" + rest))
        missed = sorted(n for n, h in lines[path].items() if h == 0)
        spans, start = [], None
        for i, n in enumerate(missed):
            if start is None: start = n
            if i + 1 == len(missed) or missed[i + 1] != n + 1:
                spans.append(str(start) if start == n else f"{start}-{n}"); start = None
        shown = " ".join(spans[:12]) + (" ..." if len(spans) > 12 else "")
        print(f"| {tier} | {rest} | {lc}/{lt} | {pct(lc, lt)} | {bc}/{bt} | {pct(bc, bt)} | {shown} |")
PY
cat "$out/coverage.md"
exit "$status"

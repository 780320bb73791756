#!/usr/bin/env bash
# Mutation testing of the bytecode tiers with Stryker.NET (pinned in .config/dotnet-tools.json). The tests
# that must kill each mutant are the kill suite (fuzzing/Veld.Verification.Tests): every corpus program on
# every tier, and slices of the fixed fuzz run; a mutant is killed when some tier disagrees with the oracle
# or with a program's expectations. Stryker's per-test coverage runs only the tests that reach a mutant,
# and the first failing test ends its run.
#
# Usage: ci/mutation.sh AREA [FILE:FIRST-LAST ...]
#   AREA  register-vm | register-compiler | stack-vm | stack-compiler (the Vm/ or Compiler/ folder of a tier)
#   FILE:FIRST-LAST  mutate only these lines of these files of the area (paths relative to the folder);
#                    without them the whole folder (the full campaign: many hours on two shared cores).
# Environment: VELD_KILL_FUZZ_SLICES (50-program fuzz slices in the suite; default 8), VELD_KILL_CORPUS
# (comma-separated corpus folders; default all but bench), CONCURRENCY (1).
# Output: artifacts/mutation/AREA/ (Stryker's JSON, HTML and Markdown reports) and summary.md (score per
# file and every surviving mutant with its place), printed at the end.
# Example (a bounded slice): ci/mutation.sh register-vm RegisterMachine.Dispatch.cs:120-180
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export VELD_KILL_FUZZ_SLICES="${VELD_KILL_FUZZ_SLICES:-8}"

area="${1:?usage: ci/mutation.sh AREA [FILE:FIRST-LAST ...]}"
shift
case "$area" in
    register-vm)       project=register-vm/Veld.RegisterVm;  folder=Vm ;;
    register-compiler) project=register-vm/Veld.RegisterVm;  folder=Compiler ;;
    stack-vm)          project=legacy-stack-vm/Veld.StackVm; folder=Vm ;;
    stack-compiler)    project=legacy-stack-vm/Veld.StackVm; folder=Compiler ;;
    *) echo "unknown area '$area' (register-vm, register-compiler, stack-vm, stack-compiler)" >&2; exit 2 ;;
esac

# Stryker takes spans of characters ({start..end}); turn line ranges into them.
mutate=()
if [ $# -eq 0 ]; then
    mutate=(--mutate "**/$folder/**/*.cs")
else
    for spec in "$@"; do
        file="${spec%%:*}"; lines="${spec#*:}"
        span=$(python3 -c '
import sys
text = open(sys.argv[1], encoding="utf-8").read()
first, last = (int(x) for x in sys.argv[2].split("-"))
starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
end = starts[last] - 1 if last < len(starts) else len(text)
print(f"{{{starts[first - 1]}..{end}}}")' "$project/$folder/$file" "$lines")
        mutate+=(--mutate "**/$folder/$file$span")
    done
fi

out="$PWD/artifacts/mutation/$area"
rm -rf "$out"
mkdir -p "$out"
dotnet tool restore >/dev/null
dotnet build fuzzing/Veld.Verification.Tests -c Release >/dev/null
(
    cd fuzzing/Veld.Verification.Tests
    # The JIT-at-threshold-0 corpus run exercises the JIT, not these projects' code paths beyond what
    # the all-tier run does; leaving it out halves each mutant's run.
    dotnet tool run dotnet-stryker -- --project "$(basename "$project").csproj" "${mutate[@]}" \
        --configuration Release --concurrency "${CONCURRENCY:-1}" --skip-version-check \
        --test-case-filter "FullyQualifiedName!~TheJitCompilingEveryFunctionAgrees" \
        --reporter Json --reporter Html --reporter Markdown --reporter Progress --output "$out"
)

python3 - "$(find "$out" -name mutation-report.json | head -1)" "$area" > "$out/summary.md" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"# Mutation testing: {sys.argv[2]}\n")
print("Score = killed (and timed out) / (killed + timed out + survived + no coverage); compile errors and ignored mutants are not counted.\n")
print("| file | killed | timeout | survived | no coverage | compile error | score |")
print("|---|---|---|---|---|---|---|")
survivors, totals = [], {"Killed": 0, "Timeout": 0, "Survived": 0, "NoCoverage": 0, "CompileError": 0}
for name, f in sorted(report["files"].items()):
    c = {k: 0 for k in totals}
    for m in f["mutants"]:
        if m["status"] in c: c[m["status"]] += 1
        if m["status"] in ("Survived", "NoCoverage"):
            survivors.append((name.split("/")[-1], m["location"]["start"]["line"], m["status"], m["mutatorName"], m.get("replacement", "")))
    for k in totals: totals[k] += c[k]
    valid = c["Killed"] + c["Timeout"] + c["Survived"] + c["NoCoverage"]
    score = f"{100.0 * (c['Killed'] + c['Timeout']) / valid:.1f}%" if valid else "-"
    print(f"| {name.split('/')[-1]} | {c['Killed']} | {c['Timeout']} | {c['Survived']} | {c['NoCoverage']} | {c['CompileError']} | {score} |")
valid = totals["Killed"] + totals["Timeout"] + totals["Survived"] + totals["NoCoverage"]
score = f"{100.0 * (totals['Killed'] + totals['Timeout']) / valid:.1f}%" if valid else "-"
print(f"| **all** | {totals['Killed']} | {totals['Timeout']} | {totals['Survived']} | {totals['NoCoverage']} | {totals['CompileError']} | **{score}** |")
print("\n## Surviving mutants\n")
print("| file | line | status | mutator | replacement |")
print("|---|---|---|---|---|")
for file, line, status, mutator, replacement in sorted(survivors):
    shown = replacement.replace("|", "/").replace("\n", " ")[:80]
    print(f"| {file} | {line} | {status} | {mutator} | `{shown}` |")
PY
cat "$out/summary.md"

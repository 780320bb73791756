#!/usr/bin/env bash
# The CI pipeline of VeldMigration, the same on a laptop and on the CI machine (which runs it via
# .ci/run in a fresh clone with only the .NET SDK). Steps: restore, build Release, run every test
# project, the differential run of the corpus on every tier, then a bounded fuzz run over generated
# programs, then the migration progress report made from those steps' own results. Any failure stops the
# pipeline with a non-zero exit code. Reports for the CI system go to artifacts/: tests/*.trx (test results),
# diff.junit.xml and diff.csv (the corpus run), fuzz.txt and fuzz-findings/ (programs a tier got wrong),
# fuzz-regalloc.txt, bench.csv and bench.md (a quick benchmark), compile-time.csv and compile-time.md, report.md, report.html, report.json.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No terminal: plain, stable output (Spectre.Console and the veld CLI check for redirection too).
export TERM="${TERM:-dumb}"

started=$SECONDS
step() {
    printf '\n==> %s  (%ds elapsed)\n' "$*" "$((SECONDS - started))"
}

step "dotnet --info (short)"
dotnet --version

# Tools some tests drive, installed from Debian's packages when missing: headless Chromium opens the HTML
# progress report (tables and charts render, no request leaves the page) and tmux gives the terminal REPL test
# a real pseudo-terminal; Lua 5.4 runs the benchmarks' Lua twins (their tests and `veld bench --baseline lua`).
# Where one cannot be installed, the test that needs it is skipped and says why.
step "tools the tests need: chromium, tmux, lua5.4"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v lua5.4 >/dev/null 2>&1 || missing+=(lua5.4)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
    if command -v apt-get >/dev/null 2>&1; then
        ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null) \
            || echo "could not install ${missing[*]}: the tests that need them will be skipped"
    else
        echo "no apt-get: without ${missing[*]} the tests that need them will be skipped"
    fi
fi

step "restore"
dotnet restore VeldMigration.sln

step "build (Release)"
dotnet build VeldMigration.sln -c Release --no-restore
# The kill suite is outside the solution (its 700 tests re-run the corpus and a fuzz slice that CI runs below, and
# take 25 minutes); building it keeps ci/coverage.sh and ci/mutation.sh from rotting.
dotnet build fuzzing/Veld.Verification.Tests -c Release

step "test (Release)"
rm -rf artifacts/tests
# A hung test fails the run instead of blocking CI; the console logger prints each project's summary.
# Coverage (docs/FUZZING.md "Coverage"): the test projects that reference coverlet.collector (the stack VM's, the
# register VM's and the JIT's: the corpus through each VM, and their unit tests) also measure line and branch coverage
# of those three tiers, per file, beside their test results; the others warn that they have no collector and run as
# usual. The figures the issue targets (corpus plus 2,000 generated programs) take ci/coverage.sh about 25 minutes, by hand.
dotnet test VeldMigration.sln -c Release --no-build \
    --blame-hang-timeout 5m --blame-hang-dump-type none \
    --settings ci/coverage.runsettings --collect "XPlat Code Coverage" \
    --logger "console;verbosity=minimal" --logger trx --results-directory artifacts/tests

step "coverage of the bytecode tiers by their test projects"
bash ci/coverage.sh --reports artifacts/tests > /dev/null
awk 'NR >= 3 && /^## Per file/ { exit } NR >= 3' artifacts/coverage/coverage.md

step "differential run over the corpus"
dotnet run --project cli/Veld.Cli -c Release --no-build -- diff corpus \
    --junit artifacts/diff.junit.xml --csv artifacts/diff.csv --stats

# The JIT compiles every function before its first instruction here, so every compiled path runs (the
# step above ran it at its default threshold, where most code stays interpreted).
step "differential run over the corpus: JIT at threshold 0"
dotnet run --project cli/Veld.Cli -c Release --no-build -- diff corpus --tiers tree,register,jit --jit-threshold 0

# Compiling on a second thread changes when code is installed, never what a program prints: the corpus at the
# default threshold with --jit-background on (about 9 s on 2 busy cores; diff compiles in the foreground by default).
step "differential run over the corpus: JIT compiling in the background"
dotnet run --project cli/Veld.Cli -c Release --no-build -- diff corpus --tiers tree,jit --jit-background on

# Programs nobody wrote, on every registered tier (fuzz's default), compared with the oracle. Fixed seed
# and count, so a red run is reproducible with the command in the finding's header; about 12 s with the
# tree-walker alone on 2 busy cores, and each tier adds its own run time. Findings are saved unreduced
# (reducing each would add to the step's time); `veld reduce FILE` shrinks one locally. Exit 1 on any finding.
FUZZ_COUNT="${FUZZ_COUNT:-2000}"
step "fuzz: seed 1, $FUZZ_COUNT generated programs"
dotnet run --project cli/Veld.Cli -c Release --no-build -- fuzz \
    --seed 1 --count "$FUZZ_COUNT" --no-reduce --out artifacts/fuzz-findings | tee artifacts/fuzz.txt

JIT_FUZZ_COUNT="${JIT_FUZZ_COUNT:-500}"
step "fuzz: seed 1, $JIT_FUZZ_COUNT generated programs, JIT at threshold 0 and under guard stress"
dotnet run --project cli/Veld.Cli -c Release --no-build -- fuzz \
    --seed 1 --count "$JIT_FUZZ_COUNT" --tiers tree,jit --jit-threshold 0 --no-reduce --out artifacts/fuzz-findings-jit
dotnet run --project cli/Veld.Cli -c Release --no-build -- fuzz \
    --seed 2 --count "$JIT_FUZZ_COUNT" --tiers tree,jit --jit-threshold 0 --jit-stress 1 --no-reduce --out artifacts/fuzz-findings-jit-stress

# The evidence the progress report reads besides the steps above: the register allocator fuzzer (a few
# seconds at this count), a quick benchmark at each program's small default size (seconds; a rough
# figure, the real one is `veld bench` at the bench sizes), and the compilers' warm compile time over the
# corpus (a few seconds: ten measured rounds after a hundred warm-up rounds, so that .NET has finished optimizing both
# compilers; with five, the measured rounds fell while it was still promoting them: docs/PERFORMANCE.md, section 4).
step "fuzz-regalloc, a quick benchmark and compile time for the report"
dotnet run --project cli/Veld.Cli -c Release --no-build -- fuzz-regalloc --seed 1 --count 200 | tee artifacts/fuzz-regalloc.txt
dotnet run --project cli/Veld.Cli -c Release --no-build -- bench --size default --iterations 1 --warmup 1 \
    --csv artifacts/bench.csv > artifacts/bench.md
dotnet run --project cli/Veld.Cli -c Release --no-build -- bench corpus --compile-time --tiers stack,register \
    --iterations 10 --warmup 100 --csv artifacts/compile-time.csv > artifacts/compile-time.md

# The migration's progress from the pipeline's own artifacts (docs/REPORTS.md). The history database
# lives beside the artifacts; a CI that keeps it between runs gets trends and regressions.
step "migration progress report"
dotnet run --project cli/Veld.Cli -c Release --no-build -- report \
    --diff artifacts/diff.csv --tests artifacts/tests/*.trx --bench artifacts/bench.csv --compile-time artifacts/compile-time.csv \
    --fuzz-log artifacts/fuzz.txt --regalloc-log artifacts/fuzz-regalloc.txt \
    --history "${VELD_HISTORY:-artifacts/history.db}" \
    --markdown artifacts/report.md --html artifacts/report.html --json artifacts/report.json > /dev/null
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat artifacts/report.md >> "$GITHUB_STEP_SUMMARY"; fi
echo "artifacts/report.md, report.html, report.json written"

# Mutation testing (docs/FUZZING.md "Mutation testing"): build our mutator and judge five mutants of one small file
# against two corpus folders, to prove the schemata still compile and the kill suite still kills. The campaigns
# themselves (ci/mutate.sh AREA --sample N) take hours and run by hand. Most of the step is the mutated copy's
# Release build of the CLI: on the shared machine at load 15-25 that build took about 8 minutes and the judging
# 3 minutes (calibration 28 s, 14-25 s a mutant); on an idle two-core CI machine expect a few minutes in all.
# --no-unit-tests: building the tier's test project in the copy would add about a minute for no extra proof.
step "mutation testing: a five-mutant slice of the stack VM's upvalues"
ci/mutate.sh stack-vm StackMachine.Upvalues.cs --sample 5 --seed 1 --shards 1 --fuzz-count 0 --no-unit-tests \
    --corpus closures,functions --work "$PWD/artifacts/mutation-work" --out artifacts/mutation/ci-slice
rm -rf artifacts/mutation-work

# Coverage-guided fuzzing (README "Coverage-guided fuzzing"): a short AFL++ campaign on each target, the front end
# and the .veldc loader (verifier, then the VM), AFL_SECONDS each; a crash fails the run and is saved under
# fuzzing/Veld.Fuzzing.Afl/regressions.
AFL_SECONDS="${AFL_SECONDS:-20}"
if [ "$AFL_SECONDS" -gt 0 ]; then
    step "AFL++ campaign: ${AFL_SECONDS} s on the front end, ${AFL_SECONDS} s on the .veldc loader"
    bash ci/afl-campaign.sh "$AFL_SECONDS" frontend veldc
fi

step "done"

#!/usr/bin/env bash
# The CI pipeline of VeldMigration, the same on a laptop and on the CI machine (which runs it via
# .ci/run in a fresh clone with only the .NET SDK). Steps: restore, build Release, run every test
# project, the differential run of the corpus on every tier, then a bounded fuzz run over generated
# programs. Any failure stops the pipeline with a non-zero exit code. Reports for the CI system go to
# artifacts/: diff.junit.xml and diff.csv (the corpus run) and fuzz-findings/ (programs a tier got wrong).
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

step "restore"
dotnet restore VeldMigration.sln

step "build (Release)"
dotnet build VeldMigration.sln -c Release --no-restore

step "test (Release)"
# A hung test fails the run instead of blocking CI; the console logger prints each project's summary.
dotnet test VeldMigration.sln -c Release --no-build \
    --blame-hang-timeout 5m --blame-hang-dump-type none \
    --logger "console;verbosity=minimal"

step "differential run over the corpus"
dotnet run --project cli/Veld.Cli -c Release --no-build -- diff corpus \
    --junit artifacts/diff.junit.xml --csv artifacts/diff.csv --stats

# Programs nobody wrote, on every registered tier (fuzz's default), compared with the oracle. Fixed seed
# and count, so a red run is reproducible with the command in the finding's header; about 12 s with the
# tree-walker alone on 2 busy cores, and each tier adds its own run time. Findings are saved unreduced
# (reducing each would add to the step's time); `veld reduce FILE` shrinks one locally. Exit 1 on any finding.
FUZZ_COUNT="${FUZZ_COUNT:-2000}"
step "fuzz: seed 1, $FUZZ_COUNT generated programs"
dotnet run --project cli/Veld.Cli -c Release --no-build -- fuzz \
    --seed 1 --count "$FUZZ_COUNT" --no-reduce --out artifacts/fuzz-findings

# Coverage-guided fuzzing of the front end and the .veldc loader (README "Coverage-guided fuzzing"): a short
# AFL++ campaign per target; a crash fails the run and is saved under fuzzing/Veld.Fuzzing.Afl/regressions.
AFL_SECONDS="${AFL_SECONDS:-30}"
if [ "$AFL_SECONDS" -gt 0 ]; then
    step "AFL++ campaign: ${AFL_SECONDS} s per target"
    bash ci/afl-campaign.sh "$AFL_SECONDS"
fi

step "done"

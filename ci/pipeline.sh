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

# The terminal REPL test runs veld under tmux (a real pseudo-terminal); install it where it is missing.
step "tools the tests need: tmux"
if ! command -v tmux >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
        $SUDO apt-get update -qq && $SUDO apt-get install -y -qq tmux \
            || echo "could not install tmux; the terminal REPL test will be skipped"
    else
        echo "no apt-get; without tmux the terminal REPL test will be skipped"
    fi
fi

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

step "done"

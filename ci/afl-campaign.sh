#!/usr/bin/env bash
# Coverage-guided fuzzing of the front end and the .veldc loader with AFL++ through SharpFuzz.
#
#   ci/afl-campaign.sh [SECONDS] [TARGET...]      TARGET: frontend, veldc (default: both)
#
# Installs afl++ (Debian) and the SharpFuzz command-line tool (pinned, into .tools/), publishes
# fuzzing/Veld.Fuzzing.Afl, instruments the Veld assemblies, seeds each target from the corpus and runs
# one afl-fuzz campaign per target for SECONDS (default 60). Crashes are copied to
# fuzzing/Veld.Fuzzing.Afl/regressions/TARGET/ (replay: dotnet veld-afl.dll TARGET FILE...), and each
# campaign's executions, paths and crashes are printed. Exits 1 if any campaign found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("${@:-frontend}")
[ $# -eq 0 ] && targets=(frontend veldc)
sharpfuzz_version=2.3.0
work="${AFL_WORK:-artifacts/afl}"

if ! command -v afl-fuzz >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x .tools/sharpfuzz ]; then
    dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path .tools >/dev/null
fi

rm -rf "$work" && mkdir -p "$work"
out="$work/bin"
dotnet publish fuzzing/Veld.Fuzzing.Afl -c Release -o "$out" --nologo -v quiet
for assembly in Veld.Language Veld.Runtime Veld.RegisterVm; do
    .tools/sharpfuzz "$out/$assembly.dll" >/dev/null
done

# Seeds: small corpus programs as source, and the same programs built to .veldc.
mkdir -p "$work/seeds/frontend" "$work/seeds/veldc"
find corpus -name '*.veld' -size -1500c | sort | head -40 | while read -r program; do
    name="$(echo "$program" | tr '/' '_')"
    cp "$program" "$work/seeds/frontend/$name"
    dotnet run --project cli/Veld.Cli -c Release --no-build -- build "$program" -o "$work/seeds/veldc/$name.veldc" >/dev/null 2>&1 || true
done

# AFL_NO_AFFINITY: afl-fuzz refuses to start when it finds every core taken by a CPU-pinned process (a pinned
# benchmark on a shared machine); the campaign does not need a core of its own.
status=0
for target in "${targets[@]}"; do
    findings="$work/findings-$target"
    AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 \
        afl-fuzz -V "$seconds" -t 10000 -m none -i "$work/seeds/$target" -o "$findings" \
        -- dotnet "$out/veld-afl.dll" "$target" >"$work/afl-$target.log" 2>&1 || true
    stats="$findings/default/fuzzer_stats"
    if [ ! -f "$stats" ]; then
        echo "afl-campaign: $target: afl-fuzz did not start; see $work/afl-$target.log" >&2
        tail -20 "$work/afl-$target.log" >&2
        status=1
        continue
    fi
    value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
    crashes=$(find "$findings/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
    echo "afl-campaign: $target: $(value execs_done) executions, $(value corpus_count) paths, $crashes crashes in $(value run_time) s"
    if [ "$crashes" -gt 0 ]; then
        mkdir -p "fuzzing/Veld.Fuzzing.Afl/regressions/$target"
        for crash in "$findings"/default/crashes/id:*; do
            cp "$crash" "fuzzing/Veld.Fuzzing.Afl/regressions/$target/$(sha1sum "$crash" | cut -c1-16)"
        done
        status=1
    fi
done
exit $status

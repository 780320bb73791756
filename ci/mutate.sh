#!/usr/bin/env bash
# Mutation testing of the bytecode tiers with our own mutator, fuzzing/Veld.Mutation (docs/FUZZING.md "Mutation
# testing"): mutant schemata written with Roslyn into a temporary copy of the committed HEAD, one Release build
# of the CLI holding every mutant, then one kill-suite run per mutant with VELD_MUTANT=ID.
#
# Usage: ci/mutate.sh AREA [FILE[:FIRST-LAST] ...] [--sample N] [--seed S] [--fuzz-count N] [--shards K] [--corpus A,B] [--no-unit-tests] [--build DIR] [--work DIR]
#   AREA  register-vm | register-compiler | stack-vm | stack-compiler (the Vm/ or Compiler/ folder of a tier)
#   --sample N  a seeded random sample of N mutants, so a campaign fits the time there is (state N with the score)
# The mutated copy is built once per commit under --work (default /tmp/veld-mutation) and reused by later runs;
# results are appended to artifacts/mutation/AREA/results.tsv as they come, so a stopped campaign resumes.
# Output: artifacts/mutation/AREA/summary.md (score, score per file, every survivor), printed at the end.
# Example: ci/mutate.sh register-vm --sample 80 --seed 1
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build fuzzing/Veld.Mutation -c Release -nologo -v q >/dev/null
exec fuzzing/Veld.Mutation/bin/Release/net10.0/veld-mutate "$@"

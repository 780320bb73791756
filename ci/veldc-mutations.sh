#!/usr/bin/env bash
# The .veldc mutation property at full size: mutated valid files (length and checksum recomputed) through the
# loader, and whatever loads through the VM; any internal error but the VM's own "malformed bytecode:" fails.
#   ci/veldc-mutations.sh [COUNT]      (default 100000; CI's test run uses 400)
set -euo pipefail
cd "$(dirname "$0")/.."
VELD_VELDC_MUTATIONS="${1:-100000}" dotnet test register-vm/Veld.RegisterVm.Tests -c Release \
    --filter "FullyQualifiedName~MutatedFilesNeverCrashTheLoaderOrTheVm" --logger "console;verbosity=detailed"

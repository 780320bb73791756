#!/bin/bash
# compare-builds.sh ROUNDS TIERS "PROGRAMS" CHECKOUT1 CHECKOUT2 ...
# A/B of builds: each checkout's Release veld runs `veld bench PROGRAMS --tiers TIERS` in turn, ROUNDS times
# (builds alternated, so drift hits them alike), from the current directory (a checkout with corpus/bench).
# Prints, per tier, each build's speed against the first: the geometric mean over programs of the minimum
# of its medians, and each program's ratio. A checkout may carry environment: "VAR=value@CHECKOUT".
# ITER (default 2) sets --iterations. Example, pinned:
#   bench/scripts/quiet-core.sh bench/scripts/compare-builds.sh 2 register "fib sieve" ../main .
set -u
rounds=$1; tiers=$2; programs=$3; shift 3
out=$(mktemp -d)
for r in $(seq "$rounds"); do
  i=0
  for spec in "$@"; do
    i=$((i + 1))
    envs=""; dir=$spec
    if [[ "$spec" == *@* ]]; then envs=${spec%@*}; dir=${spec#*@}; fi
    env $envs "$dir/cli/Veld.Cli/bin/Release/net10.0/veld" bench $programs --tiers "$tiers" \
      --iterations "${ITER:-2}" --warmup 1 --csv "$out/b$i.r$r.csv" >/dev/null 2>&1
  done
done
python3 - "$out" "$#" "$@" <<'PY'
import collections, csv, glob, math, sys
out, n, specs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times = collections.defaultdict(list)
for i in range(1, n + 1):
    for f in glob.glob(f"{out}/b{i}.r*.csv"):
        for row in csv.DictReader(open(f)):
            if row["MedianMs"]:
                times[(i, row["Tier"], row["Program"])].append(float(row["MedianMs"]))
tiers = sorted({k[1] for k in times}); programs = sorted({k[2] for k in times})
for tier in tiers:
    print("tier", tier)
    for i in range(1, n + 1):
        logs, line = [], []
        for p in programs:
            if (1, tier, p) not in times or (i, tier, p) not in times: continue
            ratio = min(times[(1, tier, p)]) / min(times[(i, tier, p)])
            logs.append(math.log(ratio)); line.append(f"{p}={ratio:.2f}")
        mean = math.exp(sum(logs) / len(logs)) if logs else float("nan")
        print(f"  build{i} {specs[i - 1][-40:]}: geomean speed vs build1 {mean:.3f}  ", " ".join(line))
PY
rm -rf "$out"

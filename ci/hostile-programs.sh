#!/usr/bin/env bash
# The hostile programs of issue 14 on every tier, each with its wall time, outcome and whether it ended
# within the bound the issue sets (the timeout + 1 s, process start included).
#
#   ci/hostile-programs.sh [TIMEOUT]     (default 5 seconds; about 3 minutes in all)
#
# Figures only mean something on a quiet machine: run it alone. Needs the Release CLI
# (dotnet build cli/Veld.Cli -c Release).
set -euo pipefail
cd "$(dirname "$0")/.."
timeout_s=${1:-5}
veld=cli/Veld.Cli/bin/Release/net10.0/veld
[ -x "$veld" ] || { echo "build the CLI first: dotnet build cli/Veld.Cli -c Release" >&2; exit 2; }
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT

write() { cat > "$dir/$1.veld"; }
write deep-recursion <<'V'
fn f(n) => if n == 0 then 0 else 1 + f(n - 1) end
println(f(1000000))
V
write handler-recursion <<'V'
fn h(n) => try throw n catch e if e == 0 then 0 else 1 + h(e - 1) end end
println(h(1000000))
V
write callback-recursion <<'V'
fn g(n) => if n == 0 then 0 else [n].map(x => 1 + g(x - 1))[0] end
println(g(1000000))
V
write shared-equality <<'V'
var a = [0]
var b = [0]
for i in 0..60 do
  a = [a, a]
  b = [b, b]
end
println(a == b)
V
write shared-hashing <<'V'
var t = (0, 0)
var u = (0, 0)
for i in 0..60 do
  t = (t, t)
  u = (u, u)
end
var m = {}
m[t] = 1
println(m[u])
V
write array-growth <<'V'
var a = []
var i = 0
while i < 1000000000 do
  a.push(i)
  i += 1
end
println(a.len())
V
write map-growth <<'V'
var m = {}
var i = 0
while i < 100000000 do
  m[i] = i
  i += 1
end
println(m.len())
V
write format-doubling <<'V'
var s = "ab"
for i in 0..40 do
  s = format~("{s}{s}")
end
println(s.len())
V
write empty-match <<'V'
let b = match 2 end
println("after")
V

printf '%-20s %-9s %-14s %7s %s\n' program tier flags seconds outcome
bound=$(echo "$timeout_s + 1" | bc)
late=0
for program in deep-recursion handler-recursion callback-recursion shared-equality shared-hashing array-growth map-growth format-doubling empty-match; do
  for depth in "" "--max-depth 2000000"; do
    case $program in *recursion) ;; *) [ -n "$depth" ] && continue ;; esac
    for tier in tree stack register jit; do
      start=$(date +%s.%N)
      out=$("$veld" run --tier $tier --timeout "$timeout_s" $depth "$dir/$program.veld" 2>&1 | head -1 | sed "s|$dir/||") || true
      seconds=$(echo "$(date +%s.%N) - $start" | bc)
      mark=""; if (( $(echo "$seconds > $bound" | bc) )); then mark=" LATE"; late=$((late + 1)); fi
      printf '%-20s %-9s %-14s %7.2f %s%s\n' "$program" "$tier" "${depth:+depth 2e6}" "$seconds" "${out:0:100}" "$mark"
    done
  done
done
echo "runs past the timeout + 1 s: $late"

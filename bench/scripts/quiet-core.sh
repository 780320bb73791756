#!/bin/bash
# quiet-core.sh COMMAND...: run COMMAND alone on CPU 1 with every other process moved to CPU 0, then give
# both cores back. Timings taken this way repeat within 1-3% on a 2-core machine that others are using; say
# "indicative" anyway. Needs the right to change other processes' affinity (root); one caller at a time.
set -u
exec 9>"${TMPDIR:-/tmp}/veld-quiet-core.lock"
flock 9
self=$$
for p in $(ls /proc | grep -E '^[0-9]+$'); do
  [ "$p" = "$self" ] && continue
  taskset -a -p -c 0 "$p" >/dev/null 2>&1
done
taskset -c 1 "$@"
rc=$?
for p in $(ls /proc | grep -E '^[0-9]+$'); do taskset -a -p -c 0-1 "$p" >/dev/null 2>&1; done
exit $rc

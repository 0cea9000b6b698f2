#!/usr/bin/env bash
# The wheel smoke test: build the wheel from this checkout, install it into a fresh venv in a
# folder outside the checkout, and use it as an analyst would there:
#   nq18 init proj && cd proj && nq18 run --no-pdf && nq18 validate data/figures,
# a bad file gives file:row lines and exit 2 without a traceback, and no build path appears
# in the reports or the manifest. Usage: scripts/smoke-wheel.sh [PYTHON]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${1:-$here/.venv/bin/python}"
work="$(mktemp -d "${TMPDIR:-/tmp}/nq18-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "smoke-wheel: FAILED: $*" >&2; exit 1; }

"$python" -m pip wheel -q --no-deps -w "$work/dist" "$here" >/dev/null || fail "pip wheel"
wheel="$(ls "$work"/dist/nq18lib-*.whl)"
"$python" -m zipfile -l "$wheel" > "$work/contents.txt"
for needed in nq18lib/_bundle/data/reference/taxonomy.csv nq18lib/_bundle/notebooks/reports.yaml \
              nq18lib/_bundle/notebooks/overview.ipynb nq18lib/_bundle/data/figures/ \
              nq18lib/runner/templates/ nq18lib/py.typed; do
  grep -qF "$needed" "$work/contents.txt" || fail "the wheel lacks $needed"
done
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$wheel"
cd "$work"
export PATH="$work/venv/bin:$PATH"
unset NQ18_PROJECT_DIR NQ18_DATA_DIR NQ18_REPORTS_DIR
nq18 init proj >/dev/null 2>&1 || fail "nq18 init"
cd proj
nq18 run --no-pdf --province "Hà Nam" 2> run.log || { cat run.log; fail "nq18 run --no-pdf"; }
test -s reports/index.html || fail "no reports/index.html"
test -s reports/ha-nam/overview.html || fail "no reports/ha-nam/overview.html"
nq18 validate data/figures 2>/dev/null || fail "nq18 validate data/figures"
printf 'figure_id,source_id,jurisdiction,province_code,category,status,percent\nx,s,Hà Nam,35,nope,result,140\n' > bad.csv
set +e
nq18 validate bad.csv 2> bad.log; code=$?
set -e
test "$code" = 2 || { cat bad.log; fail "nq18 validate bad.csv exited $code, not 2"; }
grep -q '^bad.csv:2:' bad.log || { cat bad.log; fail "no bad.csv:2: line"; }
! grep -q Traceback bad.log || fail "a traceback"
(cd / && nq18 audit "$work/proj/data/figures" --format json >/dev/null) || fail "nq18 audit from /"
for leak in "$work" "$here"; do
  if grep -rlF "$leak" reports/ --include='*.html' --include='*.json' --include='*.ipynb' >/dev/null; then
    grep -rlF "$leak" reports/ | head -3 >&2
    fail "a machine path ($leak) in the reports or the manifest"
  fi
done
echo "smoke-wheel: OK ($(basename "$wheel"): init, run --no-pdf, validate, audit from /, no machine path)"

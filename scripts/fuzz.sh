#!/usr/bin/env bash
# Fuzzes `cablescope::analyze` (fuzz/fuzz_targets/analyze.rs) with cargo-fuzz.
#
#   scripts/fuzz.sh            # 1800 seconds
#   scripts/fuzz.sh 600        # ten minutes
#
# Installs nightly and the pinned cargo-fuzz if missing, seeds
# fuzz/corpus/analyze from the test corpus (plus a few synthetic CSV dump
# rows and hinted inputs), then runs one libFuzzer job. The log goes to
# fuzz/artifacts/logs/fuzz-<time>.log; a crash or hang leaves its input in
# fuzz/artifacts/analyze/ and the script exits non-zero. Minimize it with
#   cargo +nightly fuzz tmin -s none analyze <artifact>
# and save it under tests/data/regressions/ (tests/regressions.rs replays it).
# Extra arguments after the seconds go to libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN="${1:-1800}"
shift || true
CARGO_FUZZ_VERSION=0.13.2 # newer releases may need a newer stable rustc

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal
fi
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# Seeds. The target reads one control byte first (0 = default hints).
corpus=fuzz/corpus/analyze
artifacts=fuzz/artifacts/analyze
mkdir -p "$corpus" "$artifacts"
for f in tests/data/corpus/txt/*.txt tests/data/seeds/*; do
  [ -f "$f" ] || continue
  out="$corpus/seed-$(basename "$f")"
  [ -f "$out" ] || { printf '\0' > "$out"; cat "$f" >> "$out"; }
done
# Viewer pages without the site's navigation (35 KB before the cable): the
# heading, the metadata table and the <pre> blocks, which is what the parser reads.
for f in tests/data/corpus/html/*.html; do
  out="$corpus/seed-$(basename "$f")"
  [ -f "$out" ] || { printf '\0<html><body>\n' > "$out"; sed -n '/<h3>Viewing cable/,/<\/pre><\/code>$/p' "$f" >> "$out"; printf '</body></html>\n' >> "$out"; }
done
for f in tests/data/regressions/*.bin; do
  [ -f "$f" ] && cp -n "$f" "$corpus/seed-$(basename "$f")"
done
seed() { printf "$2" > "$corpus/seed-$1"; }
# Synthetic cables.csv rows (tests/data/corpus/csv/README.md): eight quoted
# columns, \" escapes, raw newlines.
seed csv-row '\0"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires","UNCLASSIFIED","66STATE106206","P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC 1234\nBT\n","UNCLAS BUENOS AIRES 2481\n\nSUBJECT: THE \\"NEW\\" MINISTER\n\nREF: STATE 106206\n\n1. SUMMARY: THE MINISTER SAID 20 PERCENT. END SUMMARY.\n\n2. (U) TEXT.\nSMITH\n"\n'
seed csv-rows '\0"1","2/25/1972 9:30","72TEHRAN1164","Embassy Tehran","CONFIDENTIAL//NOFORN","72MOSCOW1603|72TEHRAN1091|72TEHRAN263","R 250930Z FEB 72\nFM AMEMBASSY TEHRAN\n","C O N F I D E N T I A L TEHRAN 1164\n\nE.O. 11652: GDS\nTAGS: PFOR, IR\nSUBJ: A \\\\ BACKSLASH\n\n1. $5 MILLION.\n"\n"2","3/1/2005 12:00","05ALMATY4123","Embassy Almaty","UNCLASSIFIED//FOR OFFICIAL USE ONLY","","","UNCLAS ALMATY 004123\n\n1. (SBU) Hello \\'there\\'.\n"\n'
seed csv-broken '\0"3","1/1/2009 0:00","09PARIS1007","Embassy Paris","SECRET","","","S E C R E T PARIS 001007\n\n1. (S) UNTERMINATED \\"QUOTE\n'
# Hinted inputs: file name (0x02), base offset (0x04), ignore_metadata (0x01).
seed hint-name '\x02\x1005ALMATY4123.txtUNCLAS ALMATY 004123\n\n1. (SBU) Hello.\n'
seed hint-all '\x07\x0c05PARIS7.txt\x10\x27\x00\x00\x00"1","1/2/2005 3:04","05PARIS7","Embassy Paris","SECRET","","","SECRET PARIS 7\n\n1. X.\n"\n'

# Not in $artifacts: cargo-fuzz takes the newest file there for the crash.
mkdir -p fuzz/artifacts/logs
log="fuzz/artifacts/logs/fuzz-$(date +%Y%m%d-%H%M%S).log"
echo "fuzz: running for ${SECONDS_TO_RUN}s, log in $log"
# No sanitizer: the crate forbids unsafe code; overflow checks and debug
# assertions stay on (cargo-fuzz's default build).
status=0
timeout $((SECONDS_TO_RUN + 300)) cargo +nightly fuzz run -s none analyze "$corpus" -- \
  -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=4096 -timeout=10 -max_len=65536 -print_final_stats=1 "$@" 2>&1 | tee "$log" || status=$?
tail -n 40 "$log" | grep -E '^(stat::|Done|#[0-9]+ *DONE)' || true
# With -jobs=N, libFuzzer leaves each job's log as fuzz-<job>.log in the
# current directory: kept beside this run's log, out of the checkout.
for job in fuzz-[0-9]*.log; do
  [ -e "$job" ] && mv "$job" "${log%.log}-job-${job#fuzz-}"
done
if [ "$status" -ne 0 ]; then
  echo "fuzz: FAILED (status $status); inputs in $artifacts/"
fi
exit "$status"

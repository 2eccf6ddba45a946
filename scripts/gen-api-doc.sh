#!/usr/bin/env bash
# Regenerates the route table in docs/API.md from `yakuba routes --markdown`
# (the table between the routes:begin/routes:end markers). The integration
# tests fail when the committed table differs from the binary's.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${YAKUBA_BIN:-build/release/yakuba}
table=$("$BIN" routes --markdown)
awk -v table="$table" '
	/<!-- routes:begin -->/ { print; print table; skip = 1; next }
	/<!-- routes:end -->/ { skip = 0 }
	!skip { print }
' docs/API.md > docs/API.md.tmp
mv docs/API.md.tmp docs/API.md

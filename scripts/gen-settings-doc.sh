#!/usr/bin/env bash
# Regenerates the settings table in docs/settings.md from
# src/store/settings.def (between the settings:begin/settings:end markers),
# expanding the X-macro with the C preprocessor. tests/integration/
# install.test.mjs fails when the committed table differs.
#   scripts/gen-settings-doc.sh           rewrite docs/settings.md
#   scripts/gen-settings-doc.sh --print   print the table only
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(cpp -P -undef \
	-D'SETTING(k,t,d,mn,mx,l,h)=@S@ k @F@ t @F@ d @F@ mn @F@ mx @F@ l @F@ h' \
	-D'SETTING_CHOICE(k,v,l)=@C@ k @F@ v @F@ l' src/store/settings.def |
	awk '
	function unq(s) { gsub(/^ +| +$/, "", s); gsub(/^"|"$/, "", s); gsub(/\|/, "\\|", s); return s }
	/^@C@/ { sub(/^@C@ */, ""); n = split($0, f, /@F@/)
		k = unq(f[1]); choice[k] = choice[k] (choice[k] ? "<br>" : "") "`" unq(f[2]) "` " unq(f[3]); next }
	/^@S@/ { sub(/^@S@ */, ""); n = split($0, f, /@F@/)
		k = unq(f[1]); keys[++nk] = k; type[k] = tolower(unq(f[2])); def[k] = unq(f[3])
		mn[k] = unq(f[4]); mx[k] = unq(f[5]); label[k] = unq(f[6]); help[k] = unq(f[7]) }
	END {
		print "| Key | Type | Default | Allowed | Label (画面の表示) | Help |"
		print "|---|---|---|---|---|---|"
		for (i = 1; i <= nk; i++) {
			k = keys[i]; t = type[k]; a = ""
			if (t == "int" || t == "decimal") a = mn[k] " – " mx[k]
			else if (t == "bool") a = "0 / 1"
			else if (t == "enum") a = choice[k]
			else if (t == "url") a = "empty or http(s)://…"
			else if (t == "ipaddr") a = "empty or one IP address"
			else if (t == "origins") a = "space-separated http(s)://host[:port]"
			else if (t == "numlist") a = mn[k] " comma-separated numbers"
			else if (t == "secret") a = "never shown back"
			d = (t == "secret" || def[k] == "") ? "" : "`" def[k] "`"
			printf "| `%s` | %s | %s | %s | %s | %s |\n", k, t, d, a, label[k], help[k]
		}
	}')
if [ "${1:-}" = "--print" ]; then
	printf '%s\n' "$table"
	exit 0
fi
awk -v table="$table" '
	/<!-- settings:begin -->/ { print; print table; skip = 1; next }
	/<!-- settings:end -->/ { skip = 0 }
	!skip { print }
' docs/settings.md > docs/settings.md.tmp
mv docs/settings.md.tmp docs/settings.md

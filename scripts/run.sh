#!/usr/bin/env bash
# `make run`: creates yakuba.db with the sample data of the fictional city on
# first use, then serves on 127.0.0.1:8080. Run again, it reuses the file.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/release/yakuba
DB=${YAKUBA_DB:-yakuba.db}
LISTEN=${YAKUBA_LISTEN:-127.0.0.1:8080}
if [ ! -f "$DB" ]; then
	"$BIN" init --db "$DB"
	"$BIN" sample --db "$DB"
else
	echo "既存のデータベースを使います: $DB"
	echo "ログイン名: admin（パスワードを忘れたとき: $BIN user reset-password admin --db $DB）"
fi
echo "ブラウザで http://$LISTEN/ を開いてください（停止: Ctrl-C）"
exec "$BIN" serve --db "$DB" --listen "$LISTEN"

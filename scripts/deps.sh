#!/usr/bin/env bash
# Installs whatever yakuba needs that this Debian 12 machine is missing:
# build tools and -dev libraries from apt, Chromium for the browser tests,
# and the browser-test npm packages (playwright-core, no downloaded browser).
# Idempotent: a second run installs nothing and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PKGS=(
	build-essential pkg-config clang
	libsqlite3-dev sqlite3
	libmecab-dev mecab unidic-mecab enamdict
	libutf8proc-dev libmicrohttpd-dev libjansson-dev libcurl4-openssl-dev
	libargon2-dev libxml2-dev libzip-dev libssl-dev
	poppler-utils
	chromium nodejs
)

missing=()
for p in "${APT_PKGS[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
# Node.js may come from elsewhere than Debian's nodejs package; any node >= 18
# with npm will do.
if command -v node >/dev/null && command -v npm >/dev/null; then
	tmp=()
	for p in "${missing[@]}"; do [ "$p" = nodejs ] || tmp+=("$p"); done
	missing=("${tmp[@]+"${tmp[@]}"}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps: missing packages and not root; run as root: apt-get install ${missing[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	if ! command -v npm >/dev/null; then
		apt-get install -y -qq --no-install-recommends npm >/dev/null
	fi
fi

# Browser-test packages (tests/browser/package.json + package-lock.json).
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
	echo "deps: installing browser-test npm packages"
	(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

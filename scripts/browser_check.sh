#!/usr/bin/env bash
# Renders the flagship HTML scorecard and photographs it in a real browser, so a person
# can look at what the page shows. Not part of CI (it needs Chromium and a release build).
#
#   apt-get install -y chromium        # Debian's package; the script does not download one
#   scripts/browser_check.sh [OUT_DIR] # default: target/browser-check
#
# Writes OUT_DIR/scorecard.html (the page), scorecard.txt (the text scorecard of the same
# run), summary.png (the first screen, 1280×900: what a reader sees on opening the page),
# scorecard.png (1280×2000) and full.png (1280×9000, the whole page on most runs). Chromium runs
# headless with the flags this machine needs (no sandbox as root, no GPU, no background
# networking: the page references nothing outside itself) and a fresh profile.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-target/browser-check}
mkdir -p "$out"
if ! command -v chromium >/dev/null; then
    echo "chromium not found: apt-get install -y chromium" >&2
    exit 1
fi

cargo run --quiet --release --example remote_work_audit -- \
    --employees 3000 --seed 7 --html "$out/scorecard.html" >"$out/scorecard.txt"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
page="file://$(realpath "$out/scorecard.html")"
shoot() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --hide-scrollbars \
        --screenshot="$out/$1" --window-size="$2" "$page" 2>"$out/chromium.log"
}
shoot summary.png 1280,900
shoot scorecard.png 1280,2000
shoot full.png 1280,9000
echo "screenshots in $out: summary.png, scorecard.png, full.png"

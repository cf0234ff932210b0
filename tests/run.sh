#!/usr/bin/env bash
# The whole test suite. tests/report.rs renders the HTML report in headless Chromium and fails
# without it, so Debian's chromium is installed first when it is missing (or set
# GPUPLAN_CHROMIUM to a Chromium or Chrome binary); its print test needs pdftotext
# (poppler-utils), installed the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${GPUPLAN_CHROMIUM:-}" ] && ! command -v chromium >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing Debian's chromium for the report's browser test…" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -qq chromium >/dev/null \
        || { $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null; }
    $sudo apt-get clean
fi
# The print test reads the printed PDF's text with poppler's pdftotext.
if ! command -v pdftotext >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing poppler-utils (pdftotext) for the report's print test…" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -qq poppler-utils >/dev/null \
        || { $sudo apt-get update -qq && $sudo apt-get install -y -qq poppler-utils >/dev/null; }
    $sudo apt-get clean
fi
cargo test "$@"

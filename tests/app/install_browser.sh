#!/usr/bin/env bash
# Debian's Chromium and a Chinese font for the viewer's end-to-end test.
# Playwright drives this browser through its Python package; it never downloads one.
# Does nothing when both are installed. Needs root (CI runs as root) or sudo.
set -euo pipefail

if [ -x /usr/bin/chromium ] && dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install_browser.sh: run as root (or install sudo) to apt-get install chromium" >&2
        exit 1
    fi
    sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
/usr/bin/chromium --version

#!/usr/bin/env bash
# What the report document needs beyond the venv: LibreOffice (headless, no GUI) converts the
# .docx to PDF, Noto CJK gives it a Chinese font to embed, poppler-utils reads the PDF back
# (pdffonts, pdftotext) and draws the README's page screenshots (pdftoppm).
# Does nothing when all are installed. Needs root (CI runs as root) or sudo.
set -euo pipefail

missing=()
for package in libreoffice-writer-nogui fonts-noto-cjk poppler-utils; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install_report_tools.sh: apt-get install ${missing[*]} (as root, through sudo)" >&2
    exec sudo --non-interactive bash "$0"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
soffice --version

#!/usr/bin/env bash
# Install what the operating system must provide for nq18lib's reports and tests:
# a Chromium (PDFs and browser tests), a font with Vietnamese diacritics, poppler-utils
# (pdftotext/pdftoppm), and where the system has it Chromium's headless shell (the PDF
# printer's first choice: the same pages for less). Uses apt when a package is missing and
# apt is available; otherwise says what to install. Never fails the build by itself.
set -u

have_chromium() {
  [ -n "${NQ18_CHROMIUM:-}" ] && [ -x "${NQ18_CHROMIUM}" ] && return 0
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1
}
have_font() {
  command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qiE 'Noto ?Sans|DejaVu ?Sans'
}
have_poppler() { command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; }
have_shell() {
  command -v chromium-headless-shell >/dev/null 2>&1 \
    || command -v chrome-headless-shell >/dev/null 2>&1
}
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}
add_shell() {
  # Optional: only where apt knows the package (Debian 12 and later; not Ubuntu's snaps).
  have_shell && return 0
  command -v apt-cache >/dev/null 2>&1 && apt-cache show chromium-headless-shell >/dev/null 2>&1 \
    || return 0
  echo "installing with apt-get: chromium-headless-shell (the PDF printer's first choice)"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    chromium-headless-shell >/dev/null 2>&1 \
    || echo "chromium-headless-shell not installed: PDFs are printed with the full Chromium" >&2
}

missing=()
have_chromium || missing+=(chromium)
have_font || missing+=(fonts-noto-core fonts-dejavu-core fontconfig)
have_poppler || missing+=(poppler-utils)

if [ ${#missing[@]} -eq 0 ]; then
  add_shell
  echo "system packages: Chromium, Vietnamese fonts and poppler-utils are present"
  exit 0
fi

echo "system packages missing: ${missing[*]}"
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
  fi
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    echo "installing with apt-get: ${missing[*]}"
    $SUDO apt-get update -qq && \
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null && have_chromium && have_font && have_poppler \
      && { add_shell; echo "system packages installed"; exit 0; }
    echo "apt-get could not install ${missing[*]} (or they are still not found)" >&2
  else
    echo "run as root or with sudo: apt-get install -y ${missing[*]}" >&2
  fi
else
  cat >&2 <<MSG
apt-get is not available. Install by hand:
  - Chromium or Google Chrome (then set NQ18_CHROMIUM=/path/to/chrome if it is not on PATH)
  - a font with Vietnamese diacritics: Noto Sans or DejaVu Sans
  - poppler-utils (pdftotext, pdftoppm), used by the tests
Without Chromium the HTML reports are still built, the PDFs are not.
MSG
fi
exit 1

#!/usr/bin/env bash
# Installs Debian's chromium for the HTML report's real-browser test (HtmlReportBrowserTest), and a font for
# the PNG heatmap (Java2D draws its labels with the system's fonts). Idempotent: does nothing when both are
# there. Never fails the build: without chromium the browser test is skipped with a message naming this script.
set -u
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q .; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  fi
  { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium fonts-dejavu-core; } \
    || echo "could not install chromium: browser test will be skipped"
fi
command -v chromium >/dev/null 2>&1 && echo "chromium: $(command -v chromium)" || true

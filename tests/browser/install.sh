#!/usr/bin/env bash
# Install what the browser tests need: Debian's chromium and the playwright Python package.
# Playwright drives the system chromium (executable_path=/usr/bin/chromium); it never downloads
# its own browser build, so `playwright install` is not run and must not be.
#
#   bash tests/browser/install.sh            # uses .venv/bin/pip next to this repo, or $PIP
set -euo pipefail
cd "$(dirname "$0")/../.."

PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.2}"
PIP="${PIP:-.venv/bin/pip}"
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium (Debian package)…"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi
chromium --version 2>/dev/null | head -1 || true

if ! "${PIP%pip}python" -c "import playwright" 2>/dev/null; then
    echo "installing playwright==${PLAYWRIGHT_VERSION} (Python package only)…"
    "$PIP" install -q "playwright==${PLAYWRIGHT_VERSION}"
fi
"${PIP%pip}python" -c "from importlib.metadata import version; print('playwright', version('playwright'))"

#!/bin/sh
# The browser tests drive Debian's Chromium through Playwright (no browser download from
# Playwright's CDN). Install it once from Debian's packages; without root and without sudo we
# say so and the browser tests skip with the same message.
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
else
    echo "eventwire: chromium is not installed and this user cannot install it;" \
         "run 'apt-get install chromium chromium-driver' as root to enable the browser tests" >&2
    exit 0
fi
echo "eventwire: installing Debian's chromium for the browser tests (once)"
$SUDO apt-get update -qq >/dev/null 2>&1
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 \
    || echo "eventwire: could not install chromium; the browser tests will skip" >&2
exit 0

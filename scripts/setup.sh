#!/usr/bin/env bash
# Install vnevents and what it needs on a fresh Debian machine: a virtualenv in
# .venv with the pinned Python dependencies; with --test, also Debian's chromium
# (browser tests) and a Java runtime (Spark tests) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [[ "${1:-}" == "--test" ]]; then
  extras="[test]"
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
  if ((${#need[@]})); then
    echo "installing Debian packages: ${need[*]}"
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"

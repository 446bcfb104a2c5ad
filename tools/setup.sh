#!/usr/bin/env bash
# Idempotent set-up: Odoo source tree, Debian packages, virtualenv. Fast when nothing changed.
source "$(dirname "$0")/common.sh"

APT_PACKAGES=(libldap2-dev libsasl2-dev libpq-dev chromium wkhtmltopdf poppler-utils fonts-dejavu-core
  docker-compose)

odoo_tree_ok() {
  [ -f "$1/odoo/release.py" ] && [ -d "$1/addons/web" ] \
    && grep -q "version_info = (18, 0," "$1/odoo/release.py"
}

ensure_odoo_src() {
  if odoo_tree_ok "$ODOO_SRC"; then return; fi
  if [ -e "$ODOO_SRC" ]; then
    die "ODOO_SRC=$ODOO_SRC exists but is not an Odoo 18.0 source tree (no odoo/release.py for 18.0). Point ODOO_SRC at an Odoo 18.0 checkout."
  fi
  say "No Odoo 18.0 tree at $ODOO_SRC; trying a shallow clone of $ODOO_UPSTREAM (branch 18.0)"
  local tmp="$ODOO_SRC.partial.$$"
  if command -v git >/dev/null && timeout 900 git clone -q --depth 1 --branch 18.0 "$ODOO_UPSTREAM" "$tmp" 2>/dev/null \
      && odoo_tree_ok "$tmp"; then
    mv "$tmp" "$ODOO_SRC"
    return
  fi
  rm -rf "$tmp"
  die "Odoo 18.0 source not found at $ODOO_SRC and it could not be cloned; put an Odoo 18.0 tree there or run with ODOO_SRC=/path/to/odoo-18.0"
}

ensure_debian_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ "$PG_EXTERNAL" = 0 ] && [ ! -x "$(pg_config --bindir 2>/dev/null)/initdb" ]; then
    missing+=(postgresql-15)
  fi
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "Missing Debian packages: ${missing[*]} — install them (sudo apt-get install ${missing[*]}) and run again."
  fi
}

venv_fingerprint() {
  { cat "$ROOT"/requirements/*.txt; readlink -f "$ODOO_SRC"; "$1" --version; } | sha256sum | cut -d' ' -f1
}

ensure_venv() {
  local stamp="$VENV/.kelurahan-stamp" want base
  base="$(base_python)"
  [ -n "$base" ] || die "Python $PY_VERSION is required (python$PY_VERSION not found on PATH nor in ${PYENV_ROOT:-$HOME/.pyenv}/versions)."
  want="$(venv_fingerprint "$base")"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$PY" ]; then return; fi
  if [ -x "$PY" ] && [ "$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" != "$PY_VERSION" ]; then
    die "$VENV is not a Python $PY_VERSION virtualenv; unset VENV (each PY_VERSION has its own) or remove it."
  fi
  say "Building the Python $PY_VERSION virtualenv in $VENV (first run takes a few minutes)"
  rm -f "$stamp"
  [ -x "$PY" ] || "$base" -m venv "$VENV"
  # Only the project's constraints apply (this machine may carry a global pip constraint).
  # constraints.txt carries environment markers where 3.11 and 3.12 pins differ.
  export PIP_CONSTRAINT="" PIP_DISABLE_PIP_VERSION_CHECK=1
  local pip=("$PY" -m pip install -q --no-warn-script-location -c "$ROOT/requirements/constraints.txt")
  "${pip[@]}" "setuptools<70" wheel
  "${pip[@]}" -r "$ROOT/requirements/odoo.txt"
  # compat mode: a plain -e turns odoo into a namespace package and breaks OCA wheels' imports.
  "${pip[@]}" --no-deps -e "$ODOO_SRC" --config-settings editable_mode=compat
  "${pip[@]}" -r "$ROOT/requirements/project.txt" -r "$ROOT/requirements/dev.txt"
  "$PY" -c "import odoo, werkzeug; from odoo import SUPERUSER_ID; assert odoo.release.serie == '18.0'" \
    && [ -f "$VENV/lib/python$PY_VERSION/site-packages/odoo/addons/helpdesk_mgmt/__manifest__.py" ] \
    || die "The virtualenv was built but Odoo does not import; see the messages above."
  echo "$want" > "$stamp"
}

ensure_odoo_src
ensure_debian_packages
ensure_venv

#!/usr/bin/env bash
# `make lint`: the pre-commit hooks over every tracked file, from the project's virtualenv.
# The hooks run the tools of .venv/bin (.pre-commit-config.yaml): lint is always on 3.11.
export PY_VERSION=3.11
source "$(dirname "$0")/common.sh"
bash "$ROOT/tools/setup.sh"
cd "$ROOT"
export PATH="$VENV/bin:$PATH"
exec "$VENV/bin/pre-commit" run --all-files --show-diff-on-failure

#!/bin/sh
# Renders the templates of this directory into <output-dir>, filling ${DEPLOY_*} placeholders from the
# environment and nothing else (the dialplan's own ${BIANCA_*} and ${AMD*} variables stay as they are).
# Fails when a placeholder has no value, so a half-configured Asterisk is never loaded.
set -eu
out="${1:?usage: render.sh <output-dir>}"
here="$(cd "$(dirname "$0")" && pwd)"
vars="$(env | sed -n 's/^\(DEPLOY_[A-Z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')"
mkdir -p "$out"
for template in "$here"/*.conf; do
  envsubst "$vars" < "$template" > "$out/$(basename "$template")"
done
if grep -n '\${DEPLOY_' "$out"/*.conf; then
  echo "render.sh: the placeholders above have no value in the environment" >&2
  exit 1
fi
chmod 0640 "$out"/*.conf

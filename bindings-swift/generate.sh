#!/usr/bin/env bash
# Regenerates the Swift package's uniffi sources from the Rust library, or (with --check)
# fails when the checked-in ones differ from what the current Rust code generates.
# Usage: bindings-swift/generate.sh [--check]
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet -p roq-users-swift -p uniffi-bindgen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
./target/debug/uniffi-bindgen generate --library target/debug/libroq_users_swift.so \
  --language swift --out-dir "$out" >/dev/null

declare -A destination=(
  [RoqUsers.swift]=bindings-swift/Sources/RoqUsers/RoqUsers.swift
  [roq_users_swiftFFI.h]=bindings-swift/Sources/RoqUsersFFI/roq_users_swiftFFI.h
  [roq_users_swiftFFI.modulemap]=bindings-swift/Sources/RoqUsersFFI/module.modulemap
)
status=0
for file in "${!destination[@]}"; do
  target=${destination[$file]}
  if [ "${1:-}" = "--check" ]; then
    if ! cmp -s "$out/$file" "$target"; then
      echo "$target drifted from the Rust sources: run bindings-swift/generate.sh and commit" >&2
      diff -u "$target" "$out/$file" | head -30 >&2 || true
      status=1
    fi
  else
    mkdir -p "$(dirname "$target")"
    cp "$out/$file" "$target"
  fi
done
exit $status

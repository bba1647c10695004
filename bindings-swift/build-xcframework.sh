#!/usr/bin/env bash
# Builds RoqUsersFFI.xcframework for Apple platforms (run on macOS with Xcode and the Rust
# targets installed: rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
# aarch64-apple-darwin x86_64-apple-darwin). Uses the size-optimised `release-mobile` profile
# (opt-level "s", LTO, stripped).
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
for target in "${targets[@]}"; do
  cargo build -p roq-users-swift --profile release-mobile --target "$target"
done

lib=libroq_users_swift.a
out=target/xcframework
rm -rf "$out" bindings-swift/RoqUsersFFI.xcframework
mkdir -p "$out/ios-sim" "$out/macos" "$out/headers"
lipo -create -output "$out/ios-sim/$lib" \
  "target/aarch64-apple-ios-sim/release-mobile/$lib" "target/x86_64-apple-ios/release-mobile/$lib"
lipo -create -output "$out/macos/$lib" \
  "target/aarch64-apple-darwin/release-mobile/$lib" "target/x86_64-apple-darwin/release-mobile/$lib"
cp bindings-swift/Sources/RoqUsersFFI/roq_users_swiftFFI.h "$out/headers/"
cp bindings-swift/Sources/RoqUsersFFI/module.modulemap "$out/headers/module.modulemap"

xcodebuild -create-xcframework \
  -library "target/aarch64-apple-ios/release-mobile/$lib" -headers "$out/headers" \
  -library "$out/ios-sim/$lib" -headers "$out/headers" \
  -library "$out/macos/$lib" -headers "$out/headers" \
  -output bindings-swift/RoqUsersFFI.xcframework
echo "built bindings-swift/RoqUsersFFI.xcframework"

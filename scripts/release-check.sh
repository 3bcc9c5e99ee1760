#!/usr/bin/env bash
# Builds a local snapshot release with goreleaser (nothing is published) and
# checks what it produced: every archive, the deb and rpm packages, the
# checksums and the Homebrew cask; then unpacks a Linux archive and the deb
# and checks they hold the binary, completions, man page, LICENSE and README,
# and that the binary runs `sweet version`.
set -euo pipefail
cd "$(dirname "$0")/.."

git remote get-url origin >/dev/null 2>&1 || git remote add origin https://github.com/sweetmcp/sweet.git
export HOMEBREW_TAP_GITHUB_TOKEN=${HOMEBREW_TAP_GITHUB_TOKEN:-unused}
go run github.com/goreleaser/goreleaser/v2@v2.15.1 release --snapshot --clean --skip=publish

fail() { echo "release-check: $*" >&2; exit 1; }
shopt -s nullglob
for os in linux darwin; do
  for arch in amd64 arm64; do
    f=(dist/sweet_*_"${os}"_"${arch}".tar.gz); [ ${#f[@]} -eq 1 ] || fail "missing archive for $os/$arch"
  done
done
for arch in amd64 arm64; do
  f=(dist/sweet_*_windows_"${arch}".zip); [ ${#f[@]} -eq 1 ] || fail "missing zip for windows/$arch"
  f=(dist/sweet_*_"${arch}".deb); [ ${#f[@]} -eq 1 ] || fail "missing deb for $arch"
done
for arch in x86_64 aarch64; do
  f=(dist/sweet-*."${arch}".rpm); [ ${#f[@]} -eq 1 ] || fail "missing rpm for $arch"
done
[ -s dist/checksums.txt ] || fail "missing checksums.txt"
[ -s dist/homebrew/Casks/sweet.rb ] || fail "missing Homebrew cask"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/tar" "$tmp/deb"
tar -xzf dist/sweet_*_linux_amd64.tar.gz -C "$tmp/tar"
for p in sweet README.md LICENSE plugins/hash.wasm plugins/time.wasm plugins/qr-code.wasm plugins/fetch.wasm completions/sweet.bash completions/sweet.zsh completions/sweet.fish completions/sweet.ps1 man/sweet.1.gz; do
  [ -s "$tmp/tar/$p" ] || fail "archive lacks $p"
done
"$tmp/tar/sweet" version | grep -q '^sweet ' || fail "archived binary does not run version"

deb=(dist/sweet_*_amd64.deb)
if command -v dpkg-deb >/dev/null; then
  dpkg-deb -x "${deb[0]}" "$tmp/deb"
else
  (cd "$tmp/deb" && ar x "$OLDPWD/${deb[0]}" && tar -xf data.tar.*)
fi
for p in usr/bin/sweet usr/share/bash-completion/completions/sweet usr/share/zsh/vendor-completions/_sweet \
  usr/share/fish/vendor_completions.d/sweet.fish usr/share/man/man1/sweet.1.gz usr/share/doc/sweet/copyright usr/share/doc/sweet/README.md; do
  [ -s "$tmp/deb/$p" ] || fail "deb lacks /$p"
done
"$tmp/deb/usr/bin/sweet" version | grep -q '^sweet ' || fail "packaged binary does not run version"
echo "release-check: ok ($(ls dist/*.tar.gz dist/*.zip dist/*.deb dist/*.rpm | wc -l) archives and packages)"

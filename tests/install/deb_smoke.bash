#!/usr/bin/env bash
# Builds the Debian package, installs it on this machine with apt-get, checks the installed program,
# man page and completions through the installed files, then removes the package. Needs root or
# sudo, so it is not a CTest test: .ci/run runs it on CI; locally run it on purpose:
#   bash tests/install/deb_smoke.bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=../jwt.bash
source tests/jwt.bash

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
failures=0
fail() { failures=$((failures + 1)); printf 'FAIL: %s\n' "$*" >&2; }
expect_equal() { if [ "$1" == "$2" ]; then printf 'ok: %s\n' "$3"; else fail "$3: got [$1], expected [$2]"; fi; }

if dpkg-query -W -f='${Status}' triplydb-profile 2>/dev/null | grep -q 'install ok installed'; then
  echo "triplydb-profile is installed as a package already; this test would replace and remove it" >&2
  exit 1
fi

build=build/deb
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build"
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB >/dev/null)
version=$(sed -n 's/^project(triplydb-profile VERSION \([^ ]*\).*/\1/p' CMakeLists.txt)
deb=$(ls "$build"/packages/triplydb-profile_"$version"_*.deb)
echo "package: $deb"

# Depends comes from dpkg-shlibdeps: libc6 and libcurl4 for the network helper, libsecret and GLib
# for the keyring helper; the program itself is static.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
expect_equal "$(dpkg-deb -f "$deb" Version)" "$version" "package version"
IFS=',' read -ra wanted <<<"$depends"
for dependency in "${wanted[@]}"; do
  name=$(awk '{print $1}' <<<"$dependency")
  case "$name" in
    libc6 | libcurl4 | libsecret-1-0 | libglib2.0-0 | libglib2.0-0t64) ;;
    *) fail "unexpected dependency '$name': libstdc++ and yaml-cpp are linked statically" ;;
  esac
done
[[ "$depends" == libc6* ]] || fail "Depends does not start with libc6"

as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "./$deb"
trap 'as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 remove -y -q triplydb-profile >/dev/null' EXIT

work=$(mktemp -d)
trap 'as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 remove -y -q triplydb-profile >/dev/null; rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/xdg" TRIPLYDB_PROFILES="$work/profiles.yaml"
unset TRIPLYDB_TOKEN TRIPLYDB_API TRIPLYDB_PROFILE TRIPLYDB_ACCOUNT XDG_DATA_DIRS
mkdir -p "$HOME"
# The package's files, even where README's install put a copy in /usr/local before.
export PATH="/usr/bin:/bin:/usr/sbin:/sbin"

expect_equal "$(command -v triplydb-profile)" /usr/bin/triplydb-profile "the program is on PATH"
expect_equal "$(triplydb-profile --version)" "triplydb-profile $version" "--version"
token=$(mint_token '{"uid":"u1","iss":"https://api.triplydb.com"}')
printf '%s\n' "$token" | triplydb-profile add ci-smoke --no-verify >/dev/null
expect_equal "$(triplydb-profile list --names | head -n1)" ci-smoke "add and list through the installed program"
expect_equal "$(triplydb-profile token ci-smoke)" "$token" "token comes back byte for byte"
# The installed program finds its network helper: whoami reaches libcurl, which finds the port closed.
local_token=$(mint_token '{"uid":"u1","iss":"http://127.0.0.1:9"}')
printf '%s\n' "$local_token" | triplydb-profile add closed --instance http://127.0.0.1:9 --no-verify >/dev/null
whoami_error=$(triplydb-profile whoami closed 2>&1 || true)
[[ "$whoami_error" == *"cannot reach http://127.0.0.1:9"* ]] || fail "whoami through the installed helper: $whoami_error"
expect_equal "$(man -w triplydb-profile)" /usr/share/man/man1/triplydb-profile.1.gz "man finds the page"
expect_equal "$(dpkg-query -L triplydb-profile | grep -c '^/usr/share/triplydb-profile/')" 2 "example and schema in /usr/share/triplydb-profile"

# bash completion as an interactive bash gets it: bash-completion's loader, the installed file.
completed=$(bash --norc --noprofile -c '
  source /usr/share/bash-completion/bash_completion
  _completion_loader triplydb-profile
  COMP_WORDS=(triplydb-profile show ci); COMP_CWORD=2; COMP_LINE="triplydb-profile show ci"; COMP_POINT=${#COMP_LINE}
  _triplydb_profile_complete triplydb-profile ci show
  printf "%s\n" "${COMPREPLY[@]}"')
expect_equal "$completed" ci-smoke "bash completes profile names through /usr/share/bash-completion/completions/triplydb-profile"
if command -v zsh >/dev/null; then
  expect_equal "$(zsh -fc "autoload -Uz compinit && compinit -u -d $work/zcompdump; print -r -- \${_comps[triplydb-profile]}")" \
    _triplydb-profile "zsh finds /usr/share/zsh/vendor-completions/_triplydb-profile"
fi
if command -v fish >/dev/null; then
  expect_equal "$(fish -c "complete -C 'triplydb-profile show ci'" | cut -f1)" ci-smoke "fish completes through vendor_completions.d"
  expect_equal "$(fish -i -c 'functions -q triplydb; and echo loaded' </dev/null)" loaded "fish loads the function from vendor_conf.d"
fi

as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 remove -y -q triplydb-profile >/dev/null
trap 'rm -rf "$work"' EXIT
if [ -e /usr/bin/triplydb-profile ]; then fail "apt-get remove left /usr/bin/triplydb-profile"; else echo "ok: removed"; fi
if [ "$failures" -ne 0 ]; then echo "deb smoke test: $failures failed" >&2; exit 1; fi
echo "deb smoke test passed"

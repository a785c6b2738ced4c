#!/usr/bin/env bash
# Installs what limen needs from Debian's packages (only what is missing), then configures and
# builds it in ./build. Safe to run again: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake make pkg-config zlib1g-dev
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libfmt-dev libeigen3-dev
  libgtest-dev libbenchmark-dev
  pybind11-dev python3-dev python3-numpy python3-matplotlib python3-pytest python3-numba
  python3-torch
  libopenmpi-dev openmpi-bin openssh-client
  chromium
)
# CI (.ci/run sets LIMEN_CI=1) also builds the fuzzers and the sanitizer build: clang, libFuzzer.
if [ "${LIMEN_CI:-0}" = 1 ]; then
  packages+=(clang libclang-rt-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The python3 on PATH may be another interpreter (pyenv, conda); the module and the plots use
# Debian's, which sees python3-numpy and python3-matplotlib.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=/usr/bin/python3 \
      -DPython_EXECUTABLE=/usr/bin/python3 -DPYTHON_EXECUTABLE=/usr/bin/python3 >/dev/null
cmake --build build -j"$(nproc)"

#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   tools/bootstrap.sh run    install what is missing, build (release), start kapla-studio on a sample
#   tools/bootstrap.sh test   install what is missing, build (ci: warnings are errors), run every test
#                             but the wall-clock bounds (label `timing`: ctest --preset dev -L timing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-run}"

# Debian 12 packages; only the missing ones are installed. libqt6svg6 comes with
# qt6-svg-dev but is named for what kapla-studio needs at run time: QtSvg draws its line icons, and
# its icon-engine and image plugins let desktop icon themes in SVG show. libonnx-dev is the ONNX
# import's library; its headers need protobuf's, which it does not pull in (libprotobuf-dev).
packages=(build-essential cmake qt6-base-dev libqcustomplot-dev libyaml-cpp-dev qt6-svg-dev libqt6svg6
          nlohmann-json3-dev libxgboost-dev libonnx-dev libprotobuf-dev xvfb xauth fonts-dejavu-core clang-format
          parallel)
# Only the tests need a Slurm cluster: they start a one-node one on localhost to run a sweep's job array.
test_packages=(slurm-wlm munge)

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "bootstrap: all ${#packages[@]} packages present"
        return
    fi
    echo "bootstrap: installing ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "bootstrap: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
}

build() {
    local preset="$1"
    cmake --preset "$preset"
    cmake --build --preset "$preset" -j "$(nproc)"
}

case "$mode" in
run)
    install_missing
    build release
    sample="${2:-sample_projects/alexnet-16x16.yaml}"
    studio="build/release/app/kapla-studio"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        QT_QPA_PLATFORM=offscreen "$studio" "$sample" --screenshot build/release/kapla-studio.png
        cat <<MSG
bootstrap: built. There is no display here, so kapla-studio rendered its window offscreen to
  build/release/kapla-studio.png
To use the window, run it on a desktop:   $studio $sample
or in a virtual X server:                 xvfb-run -a $studio $sample
The command line works anywhere:          build/release/app/kapla show $sample
MSG
    else
        exec "$studio" "$sample"
    fi
    ;;
test)
    packages+=("${test_packages[@]}")
    install_missing
    build ci
    ctest --preset ci
    ;;
*)
    echo "usage: tools/bootstrap.sh run [PROJECT] | test" >&2
    exit 1
    ;;
esac

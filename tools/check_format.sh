#!/usr/bin/env bash
# Checks that the tracked C++ sources match the root .clang-format; exits 1 listing the files that
# differ. Usage: tools/check_format.sh [FILE...]   (no argument: every tracked .h/.cpp)
# CLANG_FORMAT selects the binary (default: clang-format-14, else clang-format).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

clang_format="${CLANG_FORMAT:-}"
if [ -z "$clang_format" ]; then
    for candidate in clang-format-14 clang-format; do
        if command -v "$candidate" >/dev/null; then
            clang_format="$candidate"
            break
        fi
    done
fi
if [ -z "$clang_format" ] || ! command -v "$clang_format" >/dev/null; then
    echo "check_format: clang-format not found (apt-get install clang-format, or set CLANG_FORMAT)" >&2
    exit 2
fi

if [ $# -gt 0 ]; then
    files=("$@")
elif git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files -- '*.h' '*.cpp')
else
    mapfile -t files < <(find core session ui app bench tests -name '*.h' -o -name '*.cpp' | sort)
fi
if [ ${#files[@]} -eq 0 ]; then
    echo "check_format: no C++ files to check" >&2
    exit 2
fi

# One clang-format run over all files; each file that differs is reported as
# "FILE:LINE:COL: error: code should be clang-formatted [-Wclang-format-violations]".
status=0
output="$(printf '%s\0' "${files[@]}" | xargs -0 "$clang_format" --style=file --dry-run --Werror 2>&1)" || status=$?
mapfile -t bad < <(printf '%s\n' "$output" |
    sed -nE 's/^(.+):[0-9]+:[0-9]+: error: .*\[-Wclang-format-violations\]$/\1/p' | sort -u)

if [ ${#bad[@]} -eq 0 ] && [ $status -ne 0 ]; then
    printf '%s\n' "$output" >&2
    echo "check_format: $clang_format failed (exit $status)" >&2
    exit 2
fi
if [ ${#bad[@]} -eq 0 ]; then
    echo "check_format: ${#files[@]} files match .clang-format ($("$clang_format" --version | head -n1))"
    exit 0
fi

echo "check_format: ${#bad[@]} of ${#files[@]} files differ from .clang-format:" >&2
printf '  %s\n' "${bad[@]}" >&2
echo "See what differs:  $clang_format --style=file --dry-run FILE" >&2
if [ ${#bad[@]} -le 10 ]; then
    echo "Fix them:          $clang_format --style=file -i ${bad[*]}" >&2
else
    echo "Fix them all:      git ls-files -z -- '*.h' '*.cpp' | xargs -0 $clang_format --style=file -i" >&2
fi
exit 1

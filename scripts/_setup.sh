# Sourced by the scripts in this folder: find Python, get the pinned uv, install from the lock.
# Nothing is installed outside the checkout but what the lock and package lists name.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

UV_VERSION="0.13.9"
# Material prints a banner about MkDocs 2 on every build; this project pins MkDocs < 2.
export NO_MKDOCS_2_WARNING=1

python=$(command -v python3 || command -v python || true)
if [ -z "$python" ] || ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "error: Python 3.10 or newer is needed as python3 on PATH" >&2
    exit 1
fi
# A private uv in .tools/, pinned, so every machine resolves the lock with the same tool.
if [ ! -x .tools/bin/uv ] || [ "$(.tools/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
    "$python" -m venv .tools
    .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
export PATH="$PWD/.tools/bin:$PATH"
uv sync --locked --quiet

# need_debian COMMAND PACKAGE...: true when COMMAND is on PATH, installing the Debian packages
# first where it is missing and we may (root with apt-get, as on CI machines).
need_debian() {
    local command=$1
    shift
    command -v "$command" >/dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian packages: $*" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    fi
    command -v "$command" >/dev/null
}

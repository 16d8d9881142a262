#!/usr/bin/env bash
# Lints Dockerfile.headless and docker-compose.yml with what this machine's registries offer
# (Debian packages and npm; no Docker engine is needed):
#   dockerlinter 2.0.0 (npm)   Dockerfile rules in the spirit of hadolint, RUN lines through
#                              ShellCheck (Debian package shellcheck)
#   dclint 3.1.0 (npm)         Compose file schema (compose-spec) and best-practice rules
#   docker-compose 1.29.2      Compose v1 (Debian package docker-compose): `config -q` parses
#                              and validates the file the way Compose itself does
#   docker compose config      the Compose v2 plugin, only where it is installed (not here)
# Installs what it lacks (apt-get needs root). The npm tools go to target/lint-tools.
# Exit status: non-zero when any linter reports a problem.
set -euo pipefail

cd "$(dirname "$0")/.."
TOOLS=target/lint-tools
DOCKERLINTER_VERSION=2.0.0
DCLINT_VERSION=3.1.0
status=0

need_apt=()
command -v shellcheck >/dev/null || need_apt+=(shellcheck)
command -v docker-compose >/dev/null || need_apt+=(docker-compose)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
if ((${#need_apt[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "lint-docker: missing ${need_apt[*]}; install them (apt-get install ${need_apt[*]}) or run as root" >&2
    exit 2
  fi
  echo "lint-docker: installing ${need_apt[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# dockerlinter uses import.meta.dirname: Node 20.11 or newer.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=11)?0:1)'; then
  echo "lint-docker: dockerlinter needs Node.js >= 20.11, found $(node --version)" >&2
  exit 2
fi

if [[ ! -x $TOOLS/node_modules/.bin/dclint || ! -f $TOOLS/node_modules/dockerlinter/package.json ]] ||
  ! grep -q "\"version\": \"$DOCKERLINTER_VERSION\"" $TOOLS/node_modules/dockerlinter/package.json; then
  echo "lint-docker: installing dockerlinter@$DOCKERLINTER_VERSION dclint@$DCLINT_VERSION (npm) into $TOOLS"
  mkdir -p "$TOOLS"
  # --ignore-scripts: dockerlinter's postinstall downloads a ShellCheck binary from outside the
  # registry; it finds Debian's shellcheck on PATH instead.
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error --prefix "$TOOLS" \
    "dockerlinter@$DOCKERLINTER_VERSION" "dclint@$DCLINT_VERSION" >/dev/null
fi

run() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then
    echo "   ok"
  else
    echo "   FAILED: $name" >&2
    status=1
  fi
}

run "dockerlinter $DOCKERLINTER_VERSION: Dockerfile.headless (ShellCheck $(shellcheck --version | sed -n 's/^version: //p'))" \
  node "$TOOLS/node_modules/dockerlinter/bin/dockerfilelinter.js" -f Dockerfile.headless -s sh -e info
run "dclint $DCLINT_VERSION: docker-compose.yml" \
  "$TOOLS/node_modules/.bin/dclint" --max-warnings 0 docker-compose.yml
run "$(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /'): config -q" \
  docker-compose -f docker-compose.yml config -q
if docker compose version >/dev/null 2>&1; then
  run "docker compose (v2 plugin): config -q" docker compose -f docker-compose.yml config -q
else
  echo "== docker compose (v2 plugin): not installed here, skipped"
fi

exit $status

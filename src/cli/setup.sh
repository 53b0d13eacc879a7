#!/bin/sh
# Idempotent set-up for `npm run reproduce`, `npm test` and `npm run notebook`:
#   1. npm packages from the lock file (again only when the lock file changed),
#   2. Debian's Jupyter (and Chromium with --browser) when missing: PyPI is not reachable here,
#   3. the tslab kernel registered in the project-local .jupyter/ folder, plotly.js served from it, and
#      the project's Jupyter config (offline HTML export, trust kept on save).
# A second run installs nothing and takes about a second.
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

WITH_BROWSER=no
for arg in "$@"; do
  case "$arg" in
    --browser) WITH_BROWSER=yes ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# 1. npm packages
stamp=node_modules/.setup-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

# 2. Debian packages
missing=""
# (find_spec looks the packages up without importing them: importing the Notebook server alone takes 0.3 s of CPU)
if ! /usr/bin/python3 -c "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in ('notebook', 'nbconvert', 'nbclient', 'nbformat', 'ipykernel')))" 2>/dev/null; then
  missing="jupyter-notebook jupyter-nbconvert python3-nbclient python3-ipykernel"
fi
if [ "$WITH_BROWSER" = yes ]; then
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  # Arial-metric fonts, so figures rendered to PNG look as they will in print.
  [ -d /usr/share/fonts/truetype/liberation ] || missing="$missing fonts-liberation"
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages:$missing"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  else
    echo "setup: these Debian packages are missing:$missing" >&2
    echo "setup: install them as root (apt-get update && apt-get install$missing) and run again." >&2
    exit 1
  fi
fi

# 3. Project-local Jupyter: kernel spec and plotly.js for the live notebook
share="$ROOT/.jupyter/share/jupyter"
kernel="$share/kernels/tslab/kernel.json"
if [ ! -f "$kernel" ]; then
  echo "setup: registering the tslab kernel in .jupyter/"
  "$ROOT/node_modules/.bin/tslab" install --python=/usr/bin/python3 --binary="$ROOT/node_modules/.bin/tslab" --prefix="$ROOT/.jupyter" >/dev/null
fi
# The kernel is tslab started by src/cli/tslab-kernel.ts, which first brings the compiled src/ that
# notebooks import up to date (src/cli/notebook-build.ts; environment.md, "Paying the compilation once").
wrapper="$ROOT/.jupyter/kernel/tslab-kernel.js"
if [ ! -f "$wrapper" ] || [ -n "$(find src/cli/tslab-kernel.ts src/cli/notebook-build.ts src/cli/cell-compile-cache.ts src/cli/tslab-patches.ts src/cli/cell-traces.ts src/cli/kernel-snapshot.ts -newer "$wrapper")" ]; then
  "$ROOT/node_modules/.bin/esbuild" src/cli/tslab-kernel.ts --bundle --platform=node --format=cjs --target=node20 \
    --log-level=warning --outfile="$wrapper"
fi
# The builder script of the kernel's start-up snapshot (src/cli/kernel-snapshot.ts), made further down.
snapshot_entry="$ROOT/.jupyter/kernel/kernel-snapshot-entry.js"
if [ ! -f "$snapshot_entry" ] || [ -n "$(find src/cli/kernel-snapshot-entry.ts src/cli/kernel-snapshot.ts -newer "$snapshot_entry")" ]; then
  "$ROOT/node_modules/.bin/esbuild" src/cli/kernel-snapshot-entry.ts --bundle --platform=node --format=cjs --target=node20 \
    --log-level=warning --outfile="$snapshot_entry"
fi
plotly_src="$ROOT/node_modules/plotly.js-dist-min/plotly.min.js"
plotly_dst="$share/nbextensions/plotly-offline/plotly.min.js"
if ! cmp -s "$plotly_src" "$plotly_dst" 2>/dev/null; then
  mkdir -p "$(dirname "$plotly_dst")"
  cp "$plotly_src" "$plotly_dst"
fi
mkdir -p "$ROOT/.jupyter/data" "$ROOT/.jupyter/config" "$ROOT/.jupyter/runtime"
# The project's Jupyter settings (src/cli/jupyter_config.py): HTML export draws figures offline
# (also File > Download as > HTML and plain nbconvert), and saving a notebook keeps it trusted.
config_loader="# Written by src/cli/setup.sh: the project's Jupyter settings are in src/cli/jupyter_config.py.
project_config = \"$ROOT/src/cli/jupyter_config.py\"
exec(compile(open(project_config).read(), project_config, \"exec\"), dict(globals(), __file__=project_config))"
for name in jupyter_notebook_config.py jupyter_nbconvert_config.py; do
  target="$ROOT/.jupyter/config/$name"
  if [ ! -f "$target" ] || [ "$(cat "$target")" != "$config_loader" ]; then
    printf '%s\n' "$config_loader" > "$target"
  fi
done

# notebooks/ imports src/ through this link (tslab compiles with the notebook folder as its root); it
# points at the compiled src/ (or at src/ itself when src/ does not compile), built here and checked
# again by every kernel as it starts.
if [ ! -L notebooks/src ]; then
  ln -s ../.jupyter/notebook-src/current notebooks/src
fi
node "$wrapper" --build-only

# The kernel starts from a V8 snapshot with TypeScript loaded and the lib and @types files parsed and
# bound (src/cli/kernel-snapshot.ts; about 2 s of CPU less per kernel start), made here when missing or
# stale; without it (it could not be made) the kernel starts as before.
# Node refuses a snapshot when V8's flags differ from the ones it was built with (exit 14: "Failed to
# load the startup snapshot ... different V8 configurations"), and NODE_OPTIONS can carry such flags
# (--max-old-space-size, say): the snapshot is built without NODE_OPTIONS, and the kernel's launcher
# starts from it only when NODE_OPTIONS is empty and the blob is there; otherwise as before, and with
# the blob there it says so in the kernel's log (the Jupyter server's output): a user whose shell sets
# NODE_OPTIONS would otherwise lose the snapshot without a word.
env -u NODE_OPTIONS node "$wrapper" --kernel-snapshot
launcher="$ROOT/.jupyter/kernel/tslab-kernel.sh"
blob="$ROOT/.jupyter/kernel-snapshot/kernel.blob"
node=$(command -v node)
launcher_text="#!/bin/sh
# Written by src/cli/setup.sh: starts the project's kernel, from its start-up snapshot when it can (src/cli/kernel-snapshot.ts).
if [ -f '$blob' ]; then
  if [ -z \"\${NODE_OPTIONS:-}\" ]; then
    exec '$node' --snapshot-blob '$blob' '$wrapper' \"\$@\"
  fi
  echo \"kernel snapshot: not used, NODE_OPTIONS is set (\$NODE_OPTIONS): Node refuses a start-up snapshot under V8 options other than its build's; starting without it\" >&2
fi
exec '$node' '$wrapper' \"\$@\""
if [ ! -f "$launcher" ] || [ "$(cat "$launcher")" != "$launcher_text" ]; then
  printf '%s\n' "$launcher_text" > "$launcher"
fi
spec="{\"argv\": [\"/bin/sh\", \"$launcher\", \"kernel\", \"--config-path\", \"{connection_file}\"], \"display_name\": \"TypeScript\", \"language\": \"typescript\"}"
if [ "$(cat "$kernel")" != "$spec" ]; then
  printf '%s' "$spec" > "$kernel"
fi

#!/usr/bin/env bash
# Create benchmarks/.venv-peers, a venv of its own for the peer tools the extraction benchmark
# compares against (JioNLP). Kept apart from the project venv: jionlp is not a luoshi dependency.
#
#   bash benchmarks/setup_peers.sh            # uses python3.11 (or python3) from PATH
#   PYTHON=/path/to/python bash benchmarks/setup_peers.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv-peers"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "jionlp==1.5.*"
"$venv/bin/python" -c "import jionlp, sys; print('jionlp', jionlp.__version__, 'in', sys.prefix)"

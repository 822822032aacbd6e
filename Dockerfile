# syntax=docker/dockerfile:1
# The lockstep command (correlator, agent, demo) built from this repository:
#   docker build -t lockstep .   then   docker run lockstep serve --otlp-listen 0.0.0.0:4318 --api-listen 0.0.0.0:8480
# docker-compose.yml builds it for the correlator, the agent and the demo.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /lockstep
# better-sqlite3 compiles its native module when no prebuilt binary fits the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.base.json ./
# The lockfile names every workspace; the Grafana plugin's manifest is enough for npm to accept it (its
# dependencies are not installed: the image does not need them).
COPY plugins/lockstep-app/package.json plugins/lockstep-app/package.json
COPY collectors/ collectors/
ENV WORKSPACES="-w @lockstep/contract -w @lockstep/agent -w @lockstep/correlator"
# Compile with the dev dependencies (TypeScript), then keep only what runs.
RUN npm ci --ignore-scripts --no-audit --no-fund $WORKSPACES --include-workspace-root \
 && npx tsc -b collectors \
 && npm ci --omit=dev --ignore-scripts --no-audit --no-fund $WORKSPACES \
 && npm rebuild better-sqlite3 \
 && rm -rf collectors/*/src collectors/*/tsconfig.json

FROM ${NODE_IMAGE}
WORKDIR /lockstep
COPY --from=build /lockstep /lockstep
RUN mkdir -p /var/lib/lockstep && chown node:node /var/lib/lockstep
# The correlator runs unprivileged; docker-compose.yml runs the agent as root with the capabilities it needs.
USER node
VOLUME ["/var/lib/lockstep"]
EXPOSE 4318 8480
ENTRYPOINT ["node", "/lockstep/collectors/correlator/bin/lockstep.js"]
CMD ["serve", "--data-dir", "/var/lib/lockstep", "--otlp-listen", "0.0.0.0:4318", "--api-listen", "0.0.0.0:8480"]

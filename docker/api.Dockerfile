# syntax=docker/dockerfile:1.7
# streetgrid API image: the GraphQL subgraph (`node api/dist/main.js`) and the operator CLI
# (`node scripts/dist/cli.js`).
#
#   docker build -f docker/api.Dockerfile -t streetgrid-api .      # context: repo root
#
# Stages: build (whole workspace, `pnpm build`) · prod-deps (production node_modules of
# @streetgrid/api and its workspace dependencies only) · runtime (non-root, no pnpm, no
# compilers). The `build` stage is byte-identical in web.Dockerfile so BuildKit builds it
# once for both images: keep the two in sync.

############################ build ############################
FROM node:20-bookworm-slim AS build
ENV CI=true
# pnpm version = "packageManager" in package.json (newer 12.x lockfiles may be refused).
RUN npm install -g pnpm@12.4.2 && pnpm --version
WORKDIR /src
# Manifests first: the dependency layer is rebuilt only when one of them changes.
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml .npmrc ./
COPY geo/package.json geo/
COPY api/package.json api/
COPY web/package.json web/
COPY scripts/package.json scripts/
RUN --mount=type=cache,id=streetgrid-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store
# Sources (node_modules, dist, .data are excluded by the .dockerignore beside this file).
# A new top-level folder that the build reads must be added in both Dockerfiles.
COPY tsconfig.base.json tsconfig.json ./
COPY schema schema
COPY geo geo
COPY api api
COPY scripts scripts
COPY web web
# The root build: tsc -b (geo, api, scripts), then vite build of web → */dist
RUN pnpm build

############################ prod-deps ############################
FROM node:20-bookworm-slim AS prod-deps
ENV CI=true
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml .npmrc ./
COPY geo/package.json geo/
COPY api/package.json api/
COPY web/package.json web/
COPY scripts/package.json scripts/
# Only @streetgrid/scripts (the operator CLI) and what it depends on (api, geo), without
# devDependencies. The workspace layout is kept (node_modules/.pnpm at the root, relative
# symlinks in api/, geo/ and scripts/), so `node api/dist/main.js` and
# `node scripts/dist/cli.js` resolve exactly as in the repository.
RUN --mount=type=cache,id=streetgrid-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --filter "@streetgrid/scripts..." --store-dir /pnpm/store \
 && rm -rf web

############################ runtime ############################
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    STORAGE_DIR=/var/lib/streetgrid/storage \
    DATA_DIR=/var/lib/streetgrid/data \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Code and dependencies stay owned by root: the `node` user (uid 1000) can read, not change them.
COPY --from=prod-deps /app ./
COPY --from=build /src/geo/dist geo/dist
COPY --from=build /src/api/dist api/dist
# The operator CLI (`node scripts/dist/cli.js user create …`: the first street admin, see docker/README.md).
COPY --from=build /src/scripts/dist scripts/dist
# The subgraph's SDL, composed by the federation gateway (`node scripts/dist/gateway.js`, compose service `gateway`).
COPY --from=build /src/schema/subgraph.graphql schema/subgraph.graphql
# STORAGE_DIR holds uploaded photos (mount a volume there); DATA_DIR is used only by the
# embedded PGlite database when DATABASE_URL is unset (development/demo).
RUN mkdir -p "$STORAGE_DIR" "$DATA_DIR" && chown node:node "$STORAGE_DIR" "$DATA_DIR"
USER node
EXPOSE 4000
# /healthz answers 200 once migrations are done; first start may take a while.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node does not reap zombies or forward signals as PID 1: compose sets `init: true`
# (with plain docker: `docker run --init`).
CMD ["node", "api/dist/main.js"]

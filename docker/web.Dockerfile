# syntax=docker/dockerfile:1.7
# streetgrid web image: the static React app (web/dist) served by nginx, which also
# proxies /graphql (with websockets), /tiles, /open311 and /healthz to the API.
#
#   docker build -f docker/web.Dockerfile -t streetgrid-web .      # context: repo root
#
# The image expects an API reachable as `api:4000` (docker/nginx.conf). The replicas
# profile runs the same image with docker/proxy.conf mounted over /etc/nginx/nginx.conf.
# The `build` stage is byte-identical in api.Dockerfile so BuildKit builds it once for
# both images: keep the two in sync.

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

############################ runtime ############################
FROM nginx:1.27-alpine AS runtime
# A complete main configuration (pid and temp files under /tmp so nginx runs unprivileged).
# conf.d/default.conf is removed: nothing includes conf.d, and the image's entrypoint then
# leaves the configuration alone.
COPY docker/nginx.conf /etc/nginx/nginx.conf
RUN rm -f /etc/nginx/conf.d/default.conf
COPY --from=build /src/web/dist /usr/share/nginx/html
# Runs as the image's `nginx` user (uid 101). Binding port 80 unprivileged relies on
# net.ipv4.ip_unprivileged_port_start=0, Docker's default for containers since 20.10
# (compose.yaml also sets it explicitly).
USER nginx
EXPOSE 80
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1/ || exit 1

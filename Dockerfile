# syntax=docker/dockerfile:1
#
# One image recipe for every service of the workspace. Pick the app with a build argument:
#
#   docker build --build-arg APP=learners -t bdhvs/learners .
#
# APP is one of: learners, courses, certification, campaigns, reporting, gateway.
# docker-compose.yml builds all six from this file; see docs/deployment.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
# build: the whole workspace, `nx build $APP` -> dist/apps/$APP/{main.js,package.json,package-lock.json}
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
ARG APP
RUN test -n "$APP" || { echo "APP build argument missing: --build-arg APP=<app>" >&2; exit 1; }

WORKDIR /workspace
# No Nx daemon, cloud or telemetry inside a one-shot build.
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_SKIP_NX_CACHE=true \
    CI=true

# Dependencies first, so this layer is reused until the lock file changes. Install scripts are
# skipped: nothing in the build needs them (the same as npm 11, which skips them by default).
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

COPY . .
RUN npx nx build "$APP"

# The generated dist package.json leaves out pg (TypeORM loads it at run time) and tslib (the
# bundle's helpers): add both at the versions the workspace itself resolved.
RUN cd "dist/apps/$APP" \
 && npm pkg set \
      "dependencies.pg=$(node -p "require('/workspace/node_modules/pg/package.json').version")" \
      "dependencies.tslib=$(node -p "require('/workspace/node_modules/tslib/package.json').version")"

# ---------------------------------------------------------------------------------------------
# runtime: the bundle plus its production dependencies only, run as a non-root user
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production
WORKDIR /app

COPY --from=build /workspace/dist/apps/${APP}/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm install --omit=dev --no-audit --no-fund \
 && npm cache clean --force

LABEL org.opencontainers.image.title="bdhvs-${APP}" \
      org.opencontainers.image.description="Binh dan hoc vu so (Lai Chau) backend: ${APP}"

# The files stay owned by root (read-only for the app); the process runs as the image's `node`
# user, given by number so that Kubernetes `runAsNonRoot` can verify it.
USER 1000:1000

# PORT comes from the environment (compose / Kubernetes); the check follows it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

CMD ["node", "main.js"]

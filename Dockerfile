# Berth's container image: Next's standalone server plus a bundled migration script, run as a
# non-root user on a read-only root filesystem (see deploy/). Build: docker build -t berth .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 BERTH_STANDALONE=1
RUN npm run build \
 && npx esbuild lib/db/migrate-cli.ts --bundle --platform=node --format=esm --target=node20 \
      --packages=external --outfile=migrate.mjs

FROM node:20-bookworm-slim
WORKDIR /app
# NEXT_MANUAL_SIG_HANDLE: Berth stops itself on SIGTERM (drain, reconciler, lock, pool), not Next at once.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000 NEXT_MANUAL_SIG_HANDLE=1
# The standalone output carries the node_modules the server needs, pg among them (a server
# external package), which is also all the migration script needs: `node migrate.mjs`.
COPY --from=build --chown=65532:65532 /src/.next/standalone ./
COPY --from=build --chown=65532:65532 /src/.next/static ./.next/static
COPY --from=build --chown=65532:65532 /src/prisma/migrations ./prisma/migrations
COPY --from=build --chown=65532:65532 /src/migrate.mjs ./migrate.mjs
USER 65532:65532
EXPOSE 3000
CMD ["node", "server.js"]

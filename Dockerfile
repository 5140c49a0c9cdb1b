# dasmo-exporter container image. Built by `docker compose up` (docker-compose.yml) or alone:
#   docker build -t dasmo-exporter:0.1.0 .
# Three stages on the same official Node 20 image: compile the TypeScript with the dev
# dependencies, install the production dependencies alone, then copy only what runs.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    DASMO_LISTEN_ADDRESS=:9713 \
    DASMO_STATE_DIR=/var/lib/dasmo
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY schema ./schema
COPY deploy/exporter/healthcheck.js ./healthcheck.js
# The state directory (DASMO_STATE_DIR) belongs to the unprivileged `node` user (uid 1000) of
# the Node image; a new named volume mounted there starts with that ownership. No VOLUME
# instruction: the compose file names the volume, and one-shot runs leave no anonymous ones.
RUN mkdir -p /var/lib/dasmo && chown node:node /var/lib/dasmo
USER node
EXPOSE 9713
# Ready means a snapshot is loaded (computed, or restored from DASMO_STATE_DIR); the first
# computation on a large database can take a minute or more, hence the start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 CMD ["node", "/app/healthcheck.js"]
ENTRYPOINT ["node", "/app/bin/dasmo-exporter.js"]
CMD ["serve"]

# One image for all six services; docker-compose.yml picks the entry point per service.
# The services run compiled (npm run build, dist/) with plain node and NODE_ENV=production;
# tsx stays in the image for the operator's commands (npm run backup, audit, keys, …).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 (the embedded store) builds from source when no prebuilt binary is reachable.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=build /app/dist ./dist
ENV HOST=0.0.0.0
CMD ["node", "--enable-source-maps", "dist/gateway/index.js"]

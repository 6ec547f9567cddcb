# One image for all six services; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 (the embedded store) builds from source when no prebuilt binary is reachable.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
ENV HOST=0.0.0.0
CMD ["node", "--import", "tsx", "gateway/index.ts"]

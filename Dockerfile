# One image for all six services; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: see .ci/run (npm/cli#4828).
RUN npm install --no-audit --no-fund
COPY . .
ENV HOST=0.0.0.0
CMD ["node", "--import", "tsx", "gateway/index.ts"]

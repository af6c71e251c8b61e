# One image for the worker, the API and the intake consumers (the command selects the process).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The console's static files (clients/console/dist), built as root: the API runs as `node` and cannot write here.
RUN npm run console:build
USER node
CMD ["npx", "tsx", "workers/main.ts"]

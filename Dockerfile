# One image for the worker, the API and the intake consumers (the command selects the process).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
USER node
CMD ["npx", "tsx", "workers/main.ts"]

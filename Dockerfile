# One dispatch-console server node (API, Socket.IO and the built web console).
#   docker compose --profile ha up --build     two nodes behind HAProxy on http://127.0.0.1:8110
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @dispatch/web run build
ENV HOST=0.0.0.0 PORT=8110 NODE_ENV=production
EXPOSE 8110
WORKDIR /app/apps/server
CMD ["pnpm", "start"]

# COP Guide Bot as a container image: what deploy/main.bicep runs on Azure App Service.
#
#   docker build -t cop-guide-bot .
#   docker run --rm -p 3978:3978 cop-guide-bot            # then open http://localhost:3978/
#   az acr build -r <registry> -t cop-guide-bot:1 .       # the same build in Azure, without local Docker
#
# The bot runs TypeScript directly with tsx (a production dependency), exactly as `npm start` does: there is no
# build step, so the image holds the sources and the production node_modules, nothing else.
# test/deploy/template.test.ts checks this file's essentials (Node 22 stages, --omit=dev, USER node, the
# HEALTHCHECK, CMD = package.json's scripts.start).

# ---- Stage 1: production dependencies, with better-sqlite3's native addon built for this Node ----
FROM node:22-bookworm AS deps
WORKDIR /app

# node-gyp needs python3, make and g++ when better-sqlite3 has no prebuilt binary for this Node and platform.
# node:22-bookworm (on buildpack-deps) ships all three: stop here, plainly, if that ever changes.
RUN python3 --version && make --version > /dev/null && g++ --version > /dev/null

COPY package.json package-lock.json ./

# --omit=dev: no jest, TypeScript, embedded-postgres, azurite or the Teams playground in the image.
# --ignore-scripts, then one rebuild: package.json's allowScripts lets only better-sqlite3's install script run
# among the production dependencies. The npm of the node:22 images (10.x when this was written) ignores
# allowScripts and would run every dependency's script, so none runs here, and better-sqlite3's is run on its own. The last line opens a database
# in memory, so a missing or mismatched addon fails the build rather than the first start.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 \
 && node -e "new (require('better-sqlite3'))(':memory:').close()" \
 && npm cache clean --force

# ---- Stage 2: what runs ----
FROM node:22-bookworm-slim AS runtime

# KB_WATCH=false: the knowledge base is baked into the image and nothing edits it inside the container, so no
# file watcher is needed (change the content by building a new image). PORT is the bot's own default, stated.
ENV NODE_ENV=production \
    PORT=3978 \
    KB_WATCH=false

WORKDIR /app

# The code and the dependencies stay owned by root: the node user can read them, not change them.
# teams/ is not copied: the Teams package is built on a workstation (npm run teams:package), not by the bot.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bot ./bot
COPY dialogs ./dialogs
COPY knowledge ./knowledge

# What the bot writes while it runs, the only folders the node user may write to:
#   data/    the organisers' SQLite file (DATABASE_FILE), used when DATABASE_URL is not set;
#   .cache/  trained models and parsed YAML (knowledge/cacheFiles.ts), so later starts skip that work.
# tsx keeps its own cache in the system temporary folder (/tmp), which is writable already.
RUN mkdir -p data .cache && chown node:node data .cache

USER node

# Fill .cache/ now: one question through the real bot (bot/cli/ask.ts, in memory, no database) trains both models
# and parses the YAML, so every container, and every instance added when scaling out, starts from the cache
# instead of training first (measured with Node 22 on 2 cores, outside Docker: healthy after about 3 s, not 11 s).
RUN node --import tsx bot/cli/ask.ts "When was the launch event?" > /dev/null

EXPOSE 3978

# Healthy while GET /healthz answers 2xx (503 while no knowledge base is loaded). Slim images have no curl, so
# node's own fetch asks; any other status, an error or no answer within 4 s exits 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]

# `npm start`'s command, run by node itself (not npm), so SIGTERM reaches the bot and it shuts down gracefully.
CMD ["node", "--heap-growing-percent=50", "--max-semi-space-size=4", "--import", "tsx", "bot/index.ts"]

import { existsSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../knowledge/search';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the bot is configured with: read and checked once at start-up. */
export interface Config {
  port: number;
  host: string;
  /** The bot's public https address (for the Teams package's links); '' when it has none yet. */
  publicUrl: string;
  /** Bot Framework credentials; an empty `appId` means local mode with no authentication (Emulator, tests). */
  microsoftApp: { appId: string; appPassword: string; appType: (typeof APP_TYPES)[number]; tenantId: string };
  knowledgeFolder: string;
  /** Reload the knowledge base when its files change (a broken edit is refused; the last good base stays). */
  watchKnowledge: boolean;
  /** The organisers' SQLite file: turn outcomes, 👍 / 👎 votes, the questions the bot could not answer (redacted). */
  databaseFile: string;
  /** Anything kept for organisers is deleted after this many days: on start and daily. */
  retentionDays: number;
  /** Bearer token for `GET /admin/report`; empty: the route is off (404). */
  adminToken: string;
  /** `POST /api/chat`: messages one client may send a minute, and the other sites' origins allowed to call it. */
  chat: { rateLimitPerMinute: number; allowedOrigins: string[] };
  /**
   * How many proxies of our own stand in front of the bot (App Service, Front Door, a load balancer): the client is
   * then read from X-Forwarded-For, that many addresses from the right. 0 (the default): the socket's peer.
   */
  trustedProxies: number;
  /** The bot's own Web Chat page (`GET /`): its look, and how it reaches the bot. */
  webchat: WebChatSettings;
  /** Azure Bot Service Direct Line: the secret stays on the server and is exchanged for short-lived tokens. */
  directLine: { secret: string; endpoint: string };
  logLevel: LogLevel;
  search: SearchSettings;
  /** Longer messages are refused with a friendly reply instead of being searched. */
  maxMessageLength: number;
  /**
   * The state kept in memory when no other store is configured: at most `maxItems` users and conversations (the most
   * recently used), each forgotten after `idleMinutes` without a message.
   */
  memoryState: { maxItems: number; idleMinutes: number };
  /** Where users' and conversations' state lives: this process's memory (one instance), or a shared store. */
  stateStorage: StateStorageSettings;
  /**
   * A PostgreSQL connection string: when set, the organisers' data and the rate limits live there, shared by every
   * instance, instead of in `databaseFile` and in memory. '' by default.
   */
  databaseUrl: string;
  /** OpenTelemetry traces, off unless a collector is given (`otlpEndpoint`, OTEL_EXPORTER_OTLP_ENDPOINT). */
  telemetry: { otlpEndpoint: string; serviceName: string; exportEveryMs: number };
}

export const STATE_STORAGES = ['memory', 'blob'] as const;

/** `memory` (the default, a single instance) or Azure Blob Storage (several instances). */
export type StateStorageSettings = { kind: 'memory' } | { kind: 'blob'; connectionString: string; container: string };

export const WEBCHAT_TRANSPORTS = ['chat', 'directline'] as const;

/** What organisers can change on the Web Chat page without touching code. */
export interface WebChatSettings {
  /** The bot's name, in the page title, its header and beside its messages. */
  title: string;
  /** One line under the name. */
  subtitle: string;
  /** Buttons, links and the header (a #rrggbb colour). */
  accentColor: string;
  /** Behind the conversation (a #rrggbb colour). */
  backgroundColor: string;
  /** An image file (SVG, PNG, JPEG or WebP) shown as the bot's avatar; served by the bot itself. */
  avatarFile: string;
  /** Shown instead of the image where it cannot be (two or three letters). */
  avatarInitials: string;
  /** `chat`: the bot's own `POST /api/chat` (no Azure); `directline`: Azure Direct Line with a token from `DIRECT_LINE_SECRET`. */
  transport: (typeof WEBCHAT_TRANSPORTS)[number];
}

/** A configuration value that cannot be used; the message names the variable and what it should look like. */
export class ConfigError extends Error {
  constructor(variable: string, expected: string, got: string) {
    super(`Configuration: ${variable} must be ${expected}, got "${got}"`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string, fallback = ''): string {
  return (env[name] ?? '').trim() || fallback;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = text(env, name, fallback);
  const match = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
  if (!match) throw new ConfigError(name, `one of ${allowed.join(', ')}`, value);
  return match;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
  return value;
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = text(env, name);
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(name, 'a number from 0 to 1', raw);
  return value;
}

/** A comma-separated list of origins ("https://example.org,https://events.example.org"), each checked. */
function origins(env: Env, name: string): string[] {
  const raw = text(env, name);
  if (!raw) return [];
  return raw.split(',').map((origin) => {
    const trimmed = origin.trim();
    if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(trimmed)) throw new ConfigError(name, 'a comma-separated list of origins such as https://example.org', raw);
    return trimmed;
  });
}

function colour(env: Env, name: string, fallback: string): string {
  const value = text(env, name, fallback);
  if (!/^#[0-9a-f]{6}$/i.test(value)) throw new ConfigError(name, 'a colour written #rrggbb, such as #005a9e', value);
  return value;
}

/**
 * An https address (no query, fragment or credentials; no trailing slash), or '' when empty. http is accepted too
 * with `http: 'local'` for this machine only (a stand-in service in tests), or with `http: 'any'` (a sidecar on a
 * private network). An address with credentials in it is refused without being echoed.
 */
function httpsAddress(raw: string, variable: string, expected: string, { http = 'none' }: { http?: 'none' | 'local' | 'any' } = {}): string {
  const trimmed = raw.trim();
  if (!trimmed) return '';
  const url = URL.canParse(trimmed) ? new URL(trimmed) : undefined;
  const plainAllowed = http === 'any' || (http === 'local' && ['127.0.0.1', 'localhost'].includes(url?.hostname ?? ''));
  const secure = url?.protocol === 'https:' || (plainAllowed && url?.protocol === 'http:');
  if (!url || !secure || url.search || url.hash || url.username || url.password) throw new ConfigError(variable, expected, url?.username || url?.password ? '(hidden)' : trimmed);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** The https address where people reach the bot, or '' when not given. Teams requires https links in the app package. */
export function publicBaseUrl(raw: string, variable: string): string {
  return httpsAddress(raw, variable, 'the https address where people reach the bot, such as https://cop-bot.example.org');
}

/** A file relative to the project, or SQLite's `:memory:` (nothing kept on disk: tests, demos). */
function databaseFile(value: string): string {
  return value === ':memory:' ? value : path.resolve(PROJECT_ROOT, value);
}

/** A token long enough not to be guessed (it guards the organisers' report). */
function adminToken(env: Env, name: string): string {
  const value = text(env, name);
  if (value && value.length < 16) throw new ConfigError(name, 'at least 16 characters (e.g. from "openssl rand -hex 24"), or empty to turn the admin report off', '(hidden)');
  return value;
}

/** The project folder (where package.json is), so defaults work from any working directory. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

/**
 * The configuration every entry (the bot and each command) runs with: the project's `.env`, if there is one,
 * under the environment (a variable set in the environment wins), read and checked by {@link readConfig}.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return readConfig(withEnvFile(env));
}

/** The environment with the project's `.env` (if any) added under it: a variable already set wins. */
export function withEnvFile(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // Typed for string values only; dotenv never reads the undefined ones, it only adds what is missing.
  dotenv.config({ path: path.join(PROJECT_ROOT, '.env'), processEnv: env as Record<string, string>, quiet: true });
  return env;
}

/** Reads the configuration from environment variables (`loadConfig` adds `.env` first). */
export function readConfig(env: Env): Config {
  const search: SearchSettings = {
    answerThreshold: fraction(env, 'ANSWER_THRESHOLD', DEFAULT_SEARCH_SETTINGS.answerThreshold),
    clarifyThreshold: fraction(env, 'CLARIFY_THRESHOLD', DEFAULT_SEARCH_SETTINGS.clarifyThreshold),
    ambiguityGap: fraction(env, 'AMBIGUITY_GAP', DEFAULT_SEARCH_SETTINGS.ambiguityGap),
    audienceBoost: fraction(env, 'AUDIENCE_BOOST', DEFAULT_SEARCH_SETTINGS.audienceBoost),
    maxClarifyOptions: integer(env, 'MAX_CLARIFY_OPTIONS', DEFAULT_SEARCH_SETTINGS.maxClarifyOptions, 2, 5),
    minAnswerInformation: fraction(env, 'MIN_ANSWER_INFORMATION', DEFAULT_SEARCH_SETTINGS.minAnswerInformation),
    modelWeight: fraction(env, 'MODEL_WEIGHT', DEFAULT_SEARCH_SETTINGS.modelWeight),
    modelCandidates: DEFAULT_SEARCH_SETTINGS.modelCandidates,
    outOfScopeVeto: fraction(env, 'OUT_OF_SCOPE_VETO', DEFAULT_SEARCH_SETTINGS.outOfScopeVeto),
  };
  if (search.clarifyThreshold > search.answerThreshold) {
    throw new ConfigError('CLARIFY_THRESHOLD', `at most ANSWER_THRESHOLD (${search.answerThreshold})`, String(search.clarifyThreshold));
  }
  const appType = oneOf(env, 'MicrosoftAppType', APP_TYPES, 'MultiTenant');
  const appId = text(env, 'MicrosoftAppId');
  const tenantId = text(env, 'MicrosoftAppTenantId');
  if (appId && appType === 'SingleTenant' && !tenantId) throw new ConfigError('MicrosoftAppTenantId', 'set when MicrosoftAppType is SingleTenant', '');
  const directLineSecret = text(env, 'DIRECT_LINE_SECRET');
  return {
    port: integer(env, 'PORT', 3978, 0, 65535),
    host: text(env, 'HOST', '0.0.0.0'),
    publicUrl: publicBaseUrl(text(env, 'BOT_PUBLIC_URL'), 'BOT_PUBLIC_URL'),
    microsoftApp: { appId, appPassword: text(env, 'MicrosoftAppPassword'), appType, tenantId },
    knowledgeFolder: path.resolve(PROJECT_ROOT, text(env, 'KB_DIR', 'knowledge/content')),
    watchKnowledge: oneOf(env, 'KB_WATCH', ['true', 'false'], 'true') === 'true',
    databaseFile: databaseFile(text(env, 'DATABASE_FILE', 'data/cop-guide-bot.sqlite')),
    retentionDays: integer(env, 'RETENTION_DAYS', 30, 1, 3650),
    adminToken: adminToken(env, 'ADMIN_TOKEN'),
    chat: { rateLimitPerMinute: integer(env, 'CHAT_RATE_LIMIT', 30, 1, 10_000), allowedOrigins: origins(env, 'CHAT_ALLOWED_ORIGINS') },
    trustedProxies: integer(env, 'TRUST_PROXY', 0, 0, 10),
    webchat: readWebChatSettings(env, directLineSecret),
    directLine: { secret: directLineSecret, endpoint: httpsAddress(text(env, 'DIRECT_LINE_ENDPOINT', 'https://directline.botframework.com/v3/directline'), 'DIRECT_LINE_ENDPOINT', 'an https URL such as https://directline.botframework.com/v3/directline', { http: 'local' }) },
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    search,
    maxMessageLength: integer(env, 'MAX_MESSAGE_LENGTH', 500, 20, 10000),
    memoryState: { maxItems: integer(env, 'STATE_MAX_ITEMS', 20_000, 100, 10_000_000), idleMinutes: integer(env, 'STATE_IDLE_MINUTES', 1440, 1, 525_600) },
    stateStorage: stateStorage(env),
    databaseUrl: postgresUrl(env, 'DATABASE_URL'),
    telemetry: {
      otlpEndpoint: httpsAddress(text(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'), 'OTEL_EXPORTER_OTLP_ENDPOINT', "an OpenTelemetry collector's OTLP/HTTP address, such as http://localhost:4318", { http: 'any' }),
      serviceName: text(env, 'OTEL_SERVICE_NAME', 'cop-guide-bot'),
      exportEveryMs: integer(env, 'OTEL_BSP_SCHEDULE_DELAY', 5000, 100, 600_000),
    },
  };
}

function stateStorage(env: Env): StateStorageSettings {
  const kind = oneOf(env, 'STATE_STORAGE', STATE_STORAGES, 'memory');
  if (kind === 'memory') return { kind };
  const connectionString = text(env, 'BLOB_CONNECTION_STRING');
  // The account key is in it: never echoed.
  if (!/(^|;)(BlobEndpoint|AccountName)=[^;]+/i.test(connectionString)) throw new ConfigError('BLOB_CONNECTION_STRING', "an Azure Storage connection string (the storage account's Access keys page) when STATE_STORAGE is blob", connectionString ? '(hidden)' : '');
  const container = text(env, 'BLOB_CONTAINER', 'bot-state');
  // Azure's rule for container names.
  if (!/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(container)) throw new ConfigError('BLOB_CONTAINER', '3 to 63 lower-case letters, digits and single hyphens, such as bot-state', container);
  return { kind, connectionString, container };
}

/** A postgres:// or postgresql:// URL, or '' (never echoed: it may hold a password). */
function postgresUrl(env: Env, name: string): string {
  const value = text(env, name);
  if (!value) return '';
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol) || !url.hostname) throw new ConfigError(name, 'a PostgreSQL URL such as postgres://user:password@host:5432/database?sslmode=verify-full', '(hidden)');
  return value;
}

const AVATAR_TYPES = /\.(svg|png|jpe?g|webp)$/i;

function readWebChatSettings(env: Env, directLineSecret: string): WebChatSettings {
  const transport = oneOf(env, 'WEBCHAT_TRANSPORT', WEBCHAT_TRANSPORTS, 'chat');
  if (transport === 'directline' && !directLineSecret) throw new ConfigError('DIRECT_LINE_SECRET', 'set when WEBCHAT_TRANSPORT is directline', '');
  const avatarFile = path.resolve(PROJECT_ROOT, text(env, 'WEBCHAT_AVATAR', 'bot/webchat/public/avatar.svg'));
  if (!AVATAR_TYPES.test(avatarFile)) throw new ConfigError('WEBCHAT_AVATAR', 'an .svg, .png, .jpg or .webp file', avatarFile);
  if (!existsSync(avatarFile)) throw new ConfigError('WEBCHAT_AVATAR', 'an image file that exists', avatarFile);
  const avatarInitials = text(env, 'WEBCHAT_AVATAR_INITIALS', 'COP');
  if (avatarInitials.length > 3) throw new ConfigError('WEBCHAT_AVATAR_INITIALS', 'at most 3 characters', avatarInitials);
  const title = text(env, 'WEBCHAT_TITLE', 'COP Guide Bot');
  if (title.length > 60) throw new ConfigError('WEBCHAT_TITLE', 'at most 60 characters', title);
  return {
    title,
    subtitle: text(env, 'WEBCHAT_SUBTITLE', 'Questions and answers on the ITU 2020 Guidelines on Child Online Protection'),
    accentColor: colour(env, 'WEBCHAT_ACCENT_COLOR', '#005a9e'),
    backgroundColor: colour(env, 'WEBCHAT_BACKGROUND_COLOR', '#f4f6f9'),
    avatarFile,
    avatarInitials,
    transport,
  };
}

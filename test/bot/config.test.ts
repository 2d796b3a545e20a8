import { readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, PROJECT_ROOT, readConfig } from '../../bot/config';
import { DEFAULT_SEARCH_SETTINGS } from '../../knowledge/search';
import { startApp } from '../helpers/http';
import { REAL_KB } from '../helpers/kbFolder';
import { runScript } from '../helpers/run';

describe('readConfig', () => {
  it('runs on embedded defaults with no environment at all', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3978, logLevel: 'info', maxMessageLength: 500, search: DEFAULT_SEARCH_SETTINGS });
    expect(config.microsoftApp).toEqual({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' });
    expect(config.knowledgeFolder).toBe(path.join(PROJECT_ROOT, 'knowledge', 'content'));
  });

  it('documents every setting in .env.example, with the defaults as values', () => {
    const example = dotenv.parse(readFileSync(path.join(PROJECT_ROOT, '.env.example')));
    expect(readConfig(example)).toEqual(readConfig({}));
    const source = readFileSync(path.join(PROJECT_ROOT, 'bot', 'config.ts'), 'utf8');
    const read = [...source.matchAll(/\(env, '([A-Za-z_]+)'/g)].map((m) => m[1]);
    expect(new Set(Object.keys(example))).toEqual(new Set(read));
  });

  it('reads every setting', () => {
    const config = readConfig({
      PORT: '8080',
      MicrosoftAppId: 'id',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'singletenant',
      MicrosoftAppTenantId: 'tenant',
      KB_DIR: '/srv/kb',
      LOG_LEVEL: 'debug',
      ANSWER_THRESHOLD: '0.7',
      CLARIFY_THRESHOLD: '0.4',
      AMBIGUITY_GAP: '0.1',
      AUDIENCE_BOOST: '0',
      MAX_CLARIFY_OPTIONS: '4',
      MIN_ANSWER_INFORMATION: '0.6',
      MODEL_WEIGHT: '0.3',
      RETENTION_DAYS: '7',
      MAX_MESSAGE_LENGTH: '300',
      TRUST_PROXY: '2',
      STATE_MAX_ITEMS: '5000',
      STATE_IDLE_MINUTES: '60',
    });
    expect(config).toMatchObject({
      trustedProxies: 2,
      port: 8080,
      microsoftApp: { appId: 'id', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' },
      knowledgeFolder: '/srv/kb',
      logLevel: 'debug',
      search: { answerThreshold: 0.7, clarifyThreshold: 0.4, ambiguityGap: 0.1, audienceBoost: 0, maxClarifyOptions: 4, minAnswerInformation: 0.6, modelWeight: 0.3, modelCandidates: 5, outOfScopeVeto: DEFAULT_SEARCH_SETTINGS.outOfScopeVeto },
      maxMessageLength: 300,
      retentionDays: 7,
      memoryState: { maxItems: 5000, idleMinutes: 60 },
    });
  });

  it('reads the Web Chat page, Direct Line and public address settings', () => {
    const config = readConfig({
      WEBCHAT_TITLE: 'Ask COP',
      WEBCHAT_SUBTITLE: 'For the event',
      WEBCHAT_ACCENT_COLOR: '#112233',
      WEBCHAT_BACKGROUND_COLOR: '#ffffff',
      WEBCHAT_AVATAR: 'teams/color.png',
      WEBCHAT_AVATAR_INITIALS: 'AC',
      WEBCHAT_TRANSPORT: 'DirectLine',
      DIRECT_LINE_SECRET: 'secret',
      DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com/v3/directline/',
      BOT_PUBLIC_URL: 'https://cop-bot.example.org/',
    });
    expect(config.webchat).toEqual({
      title: 'Ask COP',
      subtitle: 'For the event',
      accentColor: '#112233',
      backgroundColor: '#ffffff',
      avatarFile: path.join(PROJECT_ROOT, 'teams', 'color.png'),
      avatarInitials: 'AC',
      transport: 'directline',
    });
    expect(config.directLine).toEqual({ secret: 'secret', endpoint: 'https://europe.directline.botframework.com/v3/directline' });
    expect(config.publicUrl).toBe('https://cop-bot.example.org');
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ ANSWER_THRESHOLD: '1.5' }, 'ANSWER_THRESHOLD must be a number from 0 to 1, got "1.5"'],
    [{ CLARIFY_THRESHOLD: '0.9', ANSWER_THRESHOLD: '0.5' }, 'CLARIFY_THRESHOLD must be at most ANSWER_THRESHOLD (0.5), got "0.9"'],
    [{ MicrosoftAppType: 'Personal' }, 'MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI, got "Personal"'],
    [{ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId must be set when MicrosoftAppType is SingleTenant, got ""'],
    [{ MAX_MESSAGE_LENGTH: 'lots' }, 'MAX_MESSAGE_LENGTH must be a whole number from 20 to 10000, got "lots"'],
    [{ STATE_MAX_ITEMS: '10' }, 'STATE_MAX_ITEMS must be a whole number from 100 to 10000000, got "10"'],
    [{ STATE_IDLE_MINUTES: '0' }, 'STATE_IDLE_MINUTES must be a whole number from 1 to 525600, got "0"'],
    [{ WEBCHAT_ACCENT_COLOR: 'blue' }, 'WEBCHAT_ACCENT_COLOR must be a colour written #rrggbb, such as #005a9e, got "blue"'],
    [{ WEBCHAT_TRANSPORT: 'directline' }, 'DIRECT_LINE_SECRET must be set when WEBCHAT_TRANSPORT is directline, got ""'],
    [{ WEBCHAT_AVATAR: 'README.md' }, `WEBCHAT_AVATAR must be an .svg, .png, .jpg or .webp file, got "${path.join(PROJECT_ROOT, 'README.md')}"`],
    [{ WEBCHAT_AVATAR: 'missing.png' }, `WEBCHAT_AVATAR must be an image file that exists, got "${path.join(PROJECT_ROOT, 'missing.png')}"`],
    [{ WEBCHAT_AVATAR_INITIALS: 'ABCD' }, 'WEBCHAT_AVATAR_INITIALS must be at most 3 characters, got "ABCD"'],
    [{ DIRECT_LINE_ENDPOINT: 'http://directline.example.org' }, 'DIRECT_LINE_ENDPOINT must be an https URL such as https://directline.botframework.com/v3/directline, got "http://directline.example.org"'],
    [{ BOT_PUBLIC_URL: 'http://bot.example.org' }, 'BOT_PUBLIC_URL must be the https address where people reach the bot, such as https://cop-bot.example.org, got "http://bot.example.org"'],
  ])('rejects %p with a message naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(`Configuration: ${message}`);
  });
});

describe('the shared stores of several instances', () => {
  const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  const BLOB = `DefaultEndpointsProtocol=https;AccountName=copbot;AccountKey=${KEY};EndpointSuffix=core.windows.net`;

  it('keeps state in memory and organisers\' data in SQLite by default', () => {
    expect(readConfig({})).toMatchObject({ stateStorage: { kind: 'memory' }, databaseUrl: '' });
  });

  it('reads STATE_STORAGE=blob with its connection string and container (bot-state by default)', () => {
    expect(readConfig({ STATE_STORAGE: 'Blob', BLOB_CONNECTION_STRING: BLOB }).stateStorage).toEqual({ kind: 'blob', connectionString: BLOB, container: 'bot-state' });
    expect(readConfig({ STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: BLOB, BLOB_CONTAINER: 'cop-state-2' }).stateStorage).toMatchObject({ container: 'cop-state-2' });
  });

  it.each([
    [{ STATE_STORAGE: 'redis' }, /STATE_STORAGE must be one of memory, blob/],
    [{ STATE_STORAGE: 'blob' }, /BLOB_CONNECTION_STRING must be an Azure Storage connection string/],
    [{ STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: `AccountKey=${KEY}` }, /BLOB_CONNECTION_STRING must be .*got "\(hidden\)"/],
    [{ STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: BLOB, BLOB_CONTAINER: 'Bot_State' }, /BLOB_CONTAINER must be 3 to 63 lower-case letters/],
    [{ DATABASE_URL: 'mysql://u:hunter2@db/x' }, /DATABASE_URL must be a PostgreSQL URL .*got "\(hidden\)"/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL must be a PostgreSQL URL/],
  ])('refuses %j with a message naming the setting, never echoing a secret', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
    try {
      readConfig(env);
    } catch (error) {
      expect(String(error)).not.toMatch(new RegExp(`${KEY.slice(0, 12)}|hunter2`));
    }
  });

  it('reads DATABASE_URL as given', () => {
    const url = 'postgresql://cop:pa55@db.example.org:5432/cop?sslmode=require';
    expect(readConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });
});

describe('telemetry settings', () => {
  it('are off by default', () => {
    expect(readConfig({}).telemetry).toEqual({ otlpEndpoint: '', serviceName: 'cop-guide-bot', exportEveryMs: 5000 });
  });

  it('read a collector\'s address (http for a sidecar, or https), without a trailing slash', () => {
    expect(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/', OTEL_SERVICE_NAME: 'cop-bot-eu', OTEL_BSP_SCHEDULE_DELAY: '1000' }).telemetry).toEqual({
      otlpEndpoint: 'http://otel-collector:4318',
      serviceName: 'cop-bot-eu',
      exportEveryMs: 1000,
    });
    expect(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.org' }).telemetry.otlpEndpoint).toBe('https://otel.example.org');
  });

  it.each(['ftp://otel.example.org', 'https://user:pw@otel.example.org', 'https://otel.example.org/?key=1', 'otel.example.org:4318'])('refuse %s, naming the setting', (value) => {
    expect(() => readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: value })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an OpenTelemetry collector's OTLP\/HTTP address/);
    expect(() => readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: value })).not.toThrow(/pw@/);
  });
});

describe('ADMIN_TOKEN, the key to the organisers\' report', () => {
  const SHORT = 'sh0rt-S3cret-15'; // 15 characters
  const EXACTLY_16 = 'Sixteen-chars-OK'; // 16 characters

  it('refuses a token shorter than 16 characters, naming ADMIN_TOKEN and never printing the token', () => {
    expect(SHORT).toHaveLength(15);
    let refused: unknown;
    try {
      readConfig({ ADMIN_TOKEN: SHORT });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    const message = (refused as Error).message;
    expect(message).toMatch(/^Configuration: ADMIN_TOKEN must be at least 16 characters/);
    expect(message).not.toContain(SHORT);
    // Not even a part of it.
    expect(message).not.toMatch(/sh0rt|S3cret/);
  });

  it('refuses it at start: npm start exits 1 with a message naming ADMIN_TOKEN, and the token is nowhere in the output', () => {
    const { status, stdout, stderr } = runScript('bot/index.ts', [], { env: { ADMIN_TOKEN: SHORT, PORT: '0', HOST: '127.0.0.1', DATABASE_FILE: ':memory:', LOG_LEVEL: 'info' } });
    expect(status).toBe(1);
    expect(stderr).toMatch(/COP Guide Bot could not start\.\nConfiguration: ADMIN_TOKEN must be at least 16 characters/);
    expect(`${stdout}${stderr}`).not.toContain(SHORT);
    expect(`${stdout}${stderr}`).not.toMatch(/sh0rt|S3cret/);
  });

  it('counts the token without the spaces around it', () => {
    expect(() => readConfig({ ADMIN_TOKEN: `   ${SHORT}   ` })).toThrow(/ADMIN_TOKEN must be at least 16 characters/);
  });

  it('accepts 16 characters or more', () => {
    expect(EXACTLY_16).toHaveLength(16);
    expect(readConfig({ ADMIN_TOKEN: EXACTLY_16 }).adminToken).toBe(EXACTLY_16);
    expect(readConfig({ ADMIN_TOKEN: `${EXACTLY_16}-and-more` }).adminToken).toBe(`${EXACTLY_16}-and-more`);
  });

  it('a 16-character token opens /admin/report', async () => {
    const app = await startApp(REAL_KB, { ADMIN_TOKEN: EXACTLY_16 });
    try {
      expect((await fetch(`${app.url}/admin/report`, { headers: { authorization: `Bearer ${EXACTLY_16}` } })).status).toBe(200);
      expect((await fetch(`${app.url}/admin/report`, { headers: { authorization: `Bearer ${EXACTLY_16.slice(0, 15)}` } })).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
  ])('%s turns the report off: /admin/report answers 404 whatever token is sent', async (_name, token) => {
    expect(readConfig({ ADMIN_TOKEN: token }).adminToken).toBe('');
    const app = await startApp(REAL_KB, { ADMIN_TOKEN: token });
    try {
      for (const authorization of ['', 'Bearer ', `Bearer ${token}`, 'Bearer anything-at-all-here']) {
        const response = await fetch(`${app.url}/admin/report`, { headers: authorization ? { authorization } : {} });
        expect(response.status).toBe(404);
      }
    } finally {
      await app.close();
    }
  });
});

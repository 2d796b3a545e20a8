import { readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, PROJECT_ROOT, readConfig } from '../../bot/config';
import { DEFAULT_SEARCH_SETTINGS } from '../../knowledge/search';

describe('readConfig', () => {
  it('runs on embedded defaults with no environment at all', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3978, logLevel: 'info', maxMessageLength: 500, search: DEFAULT_SEARCH_SETTINGS });
    expect(config.microsoftApp).toEqual({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' });
    expect(config.knowledgeFolder).toBe(path.join(PROJECT_ROOT, 'knowledge'));
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
      WORD_MODEL_WEIGHT: '0.3',
      RETENTION_DAYS: '7',
      MAX_MESSAGE_LENGTH: '300',
    });
    expect(config).toMatchObject({
      port: 8080,
      microsoftApp: { appId: 'id', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' },
      knowledgeFolder: '/srv/kb',
      logLevel: 'debug',
      search: { answerThreshold: 0.7, clarifyThreshold: 0.4, ambiguityGap: 0.1, audienceBoost: 0, maxClarifyOptions: 4, minAnswerInformation: 0.6, wordModelWeight: 0.3 },
      maxMessageLength: 300,
      retentionDays: 7,
    });
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ ANSWER_THRESHOLD: '1.5' }, 'ANSWER_THRESHOLD must be a number from 0 to 1, got "1.5"'],
    [{ CLARIFY_THRESHOLD: '0.9', ANSWER_THRESHOLD: '0.5' }, 'CLARIFY_THRESHOLD must be at most ANSWER_THRESHOLD (0.5), got "0.9"'],
    [{ MicrosoftAppType: 'Personal' }, 'MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI, got "Personal"'],
    [{ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId must be set when MicrosoftAppType is SingleTenant, got ""'],
    [{ MAX_MESSAGE_LENGTH: 'lots' }, 'MAX_MESSAGE_LENGTH must be a whole number from 20 to 10000, got "lots"'],
  ])('rejects %p with a message naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(`Configuration: ${message}`);
  });
});

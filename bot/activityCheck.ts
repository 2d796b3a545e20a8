import Ajv, { type ErrorObject } from 'ajv';

const id = { type: 'string', minLength: 1, maxLength: 512 } as const;
const shortText = { type: 'string', maxLength: 512 } as const;
const account = { type: 'object', required: ['id'], properties: { id, name: shortText, role: shortText } } as const;

/**
 * What the bot reads of an activity, as a JSON Schema: everything else may be there and is ignored. An activity
 * that breaks it is refused at the edge with a 400, instead of failing inside the turn.
 */
export const ACTIVITY_SCHEMA = {
  type: 'object',
  required: ['type', 'channelId', 'conversation', 'from'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 64 },
    id: shortText,
    name: shortText,
    channelId: { type: 'string', minLength: 1, maxLength: 64 },
    serviceUrl: { type: 'string', maxLength: 2048 },
    deliveryMode: shortText,
    locale: { type: 'string', maxLength: 64 },
    text: { type: 'string', maxLength: 20_000 },
    textFormat: shortText,
    from: account,
    recipient: account,
    conversation: {
      type: 'object',
      required: ['id'],
      properties: { id, isGroup: { type: 'boolean' }, conversationType: shortText, tenantId: shortText, name: shortText },
    },
    membersAdded: { type: 'array', maxItems: 256, items: account },
    membersRemoved: { type: 'array', maxItems: 256, items: account },
    entities: {
      type: 'array',
      maxItems: 64,
      items: { type: 'object', required: ['type'], properties: { type: shortText, text: { type: 'string', maxLength: 2048 }, mentioned: account } },
    },
    attachments: { type: 'array', maxItems: 32, items: { type: 'object' } },
    channelData: { type: 'object' },
  },
} as const;

const validate = new Ajv({ allErrors: false, strict: true }).compile(ACTIVITY_SCHEMA);

/** "conversation.id must be string": where and what, in a few words a caller can act on. */
function reasonOf(error: ErrorObject): string {
  const where = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'required') return `the activity has no "${where ? `${where}.` : ''}${String(error.params.missingProperty)}"`;
  return `"${where || 'the body'}" ${error.message ?? 'is not valid'}`;
}

/** Loopback addresses: the Emulator on this machine, and nothing else, in local mode. */
function isLoopback(url: URL): boolean {
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export interface ActivityRules {
  /**
   * No app id is configured: nobody is authenticated, so the bot may reply only to a loopback `serviceUrl` (the
   * Emulator's). Otherwise any web page could make it send requests wherever it liked.
   */
  localMode: boolean;
}

/**
 * Why a request body is not an activity the bot can process, or undefined if it is one. CloudAdapter would answer
 * such bodies with a 500 or fail inside the turn; we answer 400 (or 403 for a reply address we will not call).
 */
export function activityProblem(body: unknown, rules: ActivityRules): { status: 400 | 403; error: string } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, error: 'the body must be a JSON object (an activity)' };
  if (!validate(body)) return { status: 400, error: reasonOf((validate.errors ?? [])[0]) };
  // The bot answers messages, conversation updates and events; an invoke would only get "not implemented" (501).
  if ((body as { type: string }).type === 'invoke') return { status: 400, error: 'this bot does not handle invoke activities' };
  const activity = body as { serviceUrl?: string; deliveryMode?: string };
  const expectReplies = activity.deliveryMode === 'expectReplies';
  if (activity.serviceUrl === undefined) {
    return expectReplies ? undefined : { status: 400, error: 'the activity has no "serviceUrl" to reply to' };
  }
  const url = URL.canParse(activity.serviceUrl) ? new URL(activity.serviceUrl) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return { status: 400, error: 'the activity\'s "serviceUrl" is not an http(s) address' };
  if (rules.localMode && !isLoopback(url)) {
    return { status: 403, error: 'in local mode (no MicrosoftAppId) the bot replies only to a serviceUrl on this machine (localhost, 127.0.0.1 or [::1])' };
  }
  return undefined;
}

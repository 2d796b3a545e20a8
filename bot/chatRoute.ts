import { randomUUID } from 'node:crypto';
import { ActivityTypes, ConfigurationBotFrameworkAuthentication, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { CopGuideBot } from './bot';
import { WEBCHAT_JOIN_EVENT } from './incoming';
import { BotEndpoint, type HashId } from './botEndpoint';
import { RequestRefused } from './httpErrors';
import { jsonBody } from './jsonBody';
import type { Logger } from './logger';
import { OriginGate } from './origins';
import { limitRequests, type RequestLimiter } from './rateLimit';

export interface ChatRouteOptions {
  bot: CopGuideBot;
  logger: Logger;
  /** Counts each client's messages (CHAT_RATE_LIMIT a minute, shared by every instance with PostgreSQL); beyond, 429. */
  limiter: RequestLimiter;
  /** Origins (scheme://host[:port]) of other sites allowed to call the route; the page's own origin always is. */
  allowedOrigins: string[];
  /** Proxies of our own in front of the bot: who a request comes from, for the rate limit. */
  trustedProxies: number;
  hashId: HashId;
}

/** Longest text accepted: the bot itself asks for shorter messages well before this. */
const MAX_TEXT_LENGTH = 4000;
/** Longest ids accepted from the browser (they are generated there). */
const MAX_ID_LENGTH = 100;
const ID = /^[A-Za-z0-9_.:-]+$/;

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.length <= max ? value : undefined);
const id = (value: unknown): string | undefined => {
  const s = text(value, MAX_ID_LENGTH);
  return s && ID.test(s) ? s : undefined;
};

/**
 * The activity the bot will see, built from what the browser sent: only a message's text or the join event,
 * its ids and locale. Everything else (serviceUrl, channelId, recipient, delivery mode) is set here.
 */
export function chatActivity(body: unknown): Partial<Activity> | { error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body)) return { error: 'the body must be a JSON object (an activity)' };
  const sent = body as Record<string, unknown>;
  const from = id((sent.from as Record<string, unknown> | undefined)?.id);
  const conversation = id((sent.conversation as Record<string, unknown> | undefined)?.id);
  if (!from) return { error: 'the activity needs "from.id" (letters, digits, - _ . :)' };
  if (!conversation) return { error: 'the activity needs "conversation.id" (letters, digits, - _ . :)' };
  const locale = text(sent.locale, 20);
  const common: Partial<Activity> = {
    id: randomUUID(),
    channelId: 'webchat',
    serviceUrl: 'https://webchat.invalid',
    deliveryMode: DeliveryModes.ExpectReplies,
    timestamp: new Date(),
    from: { id: from, name: 'User', role: 'user' },
    recipient: { id: 'cop-guide-bot', name: 'COP Guide Bot', role: 'bot' },
    conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: 'webchat' },
    ...(locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? { locale } : {}),
  };
  if (sent.type === ActivityTypes.Event && sent.name === WEBCHAT_JOIN_EVENT) return { ...common, type: ActivityTypes.Event, name: WEBCHAT_JOIN_EVENT };
  if (sent.type !== ActivityTypes.Message) return { error: 'only messages and the "webchat/join" event are accepted' };
  const message = text(sent.text, MAX_TEXT_LENGTH);
  if (message === undefined) return { error: `"text" must be a string of at most ${MAX_TEXT_LENGTH} characters` };
  return { ...common, type: ActivityTypes.Message, text: message };
}

/** Trace activities (the Emulator's debugging aid) never reach a browser. */
function withoutTraces(context: TurnContext): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    for (let i = activities.length - 1; i >= 0; i--) if (activities[i].type === ActivityTypes.Trace) activities.splice(i, 1);
    return next();
  });
}

/**
 * `POST /api/chat`: the bot's own Web Chat page talks to the bot here. Its own adapter with no authentication;
 * the reply comes back in the response (`expectReplies`, forced here). Public, so it is rate-limited per client
 * and allows cross-origin calls only from configured origins; both are checked before the body is read.
 */
export function addChatRoute(server: Server, { bot, logger, hashId, limiter, allowedOrigins, trustedProxies }: ChatRouteOptions): void {
  const endpoint = new BotEndpoint(new ConfigurationBotFrameworkAuthentication({}), logger, hashId);
  const gate = new OriginGate(allowedOrigins);

  server.opts('/api/chat', async (req: Request, res: Response) => gate.preflight(req, res));

  server.post(
    '/api/chat',
    gate.admit,
    limitRequests(limiter, trustedProxies),
    jsonBody(),
    async (req: Request, res: Response) => {
      const activity = chatActivity(req.body);
      if ('error' in activity) throw new RequestRefused(400, activity.error);
      await endpoint.serve(req, res, activity, async (context) => {
        withoutTraces(context);
        await bot.run(context);
      });
    },
  );
}

import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { wording } from '../dialogs/wording';
import { RequestRefused } from './httpErrors';
import { errorFacts, type Logger } from './logger';

/** How the Bot Framework authenticates callers (none while no app id is set). */
type BotFrameworkAuthentication = ConstructorParameters<typeof CloudAdapter>[0];

/** Turns an id that may be personal (a conversation id is a phone number on SMS) into one that is not, for logs. */
export type HashId = (id: string) => string;

/**
 * The Bot Framework adapter for one route. It runs an activity that has already been checked at the edge and
 * answers the HTTP request itself: CloudAdapter's own `process` prints every refused request to the console
 * as a multi-line trace and answers with internal messages. Here an unauthenticated request is a 401 with a
 * short reason and one log line; anything else that goes wrong is thrown to the server's one error handler.
 */
export class BotEndpoint extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    private readonly logger: Logger,
    private readonly hashId: HashId,
  ) {
    super(auth);
    this.onTurnError = (context, error) => this.turnFailed(context, error);
  }

  /** Runs the turn for `activity` and sends the HTTP answer: 200 (with the replies, for `expectReplies`) or 401. */
  async serve(req: Request, res: Response, activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const authorization = String(req.headers.authorization ?? '');
    let invokeResponse;
    try {
      invokeResponse = await this.processActivity(authorization, activity as Activity, logic);
    } catch (error) {
      if ((error as { statusCode?: unknown }).statusCode === 401) {
        this.logger.debug({ route: req.getRoute()?.path }, 'request refused: not authenticated');
        throw new RequestRefused(401, 'this bot needs Bot Framework authentication');
      }
      throw error;
    }
    const status = invokeResponse?.status ?? 200;
    if (invokeResponse?.body === undefined) res.send(status);
    else res.send(status, invokeResponse.body);
  }

  /** A turn that failed inside: one log line (ids hashed), and the user hears that something went wrong. */
  private async turnFailed(context: TurnContext, error: Error): Promise<void> {
    const { channelId, conversation } = context.activity;
    this.logger.error({ error: errorFacts(error), channel: channelId, conversation: conversation?.id ? this.hashId(conversation.id) : undefined }, 'turn failed');
    try {
      // Shown in the Emulator's inspector only; other channels never receive trace activities (the chat route drops them).
      await context.sendTraceActivity('OnTurnError Trace', 'The turn failed; the details are in the bot\'s log.', 'https://www.botframework.com/schemas/error', 'TurnError');
      await context.sendActivity(wording.turnError);
    } catch (sendError) {
      this.logger.error({ error: errorFacts(sendError), channel: channelId }, 'could not tell the user about a failed turn');
    }
  }
}

import { ActivityTypes, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { MemoryInsightRecorder } from '../dialogs/insights';
import type { BotReply, TurnOutcome } from '../dialogs/reply';
import type { UserProfile } from '../dialogs/state';
import type { AskBot } from '../knowledge/evaluationCase';
import type { KnowledgeStore } from '../knowledge/store';
import { bandOf, isAudience, type Audience, type KnowledgeBase } from '../knowledge/types';
import { buildBot, TURN_REPLY, type BotParts } from './bot';
import { readReplies } from './channelReplies';
import type { Config } from './config';
import { createLogger } from './logger';

/**
 * The `ask` contract (DESIGN.md): one question through the real bot, as a fresh conversation whose user's audience,
 * age and locale are already known, and what came back, as the `ask` CLI prints it and the evaluations read it.
 */

/** One question as the `ask` contract takes it (DESIGN.md). */
export interface AskInput {
  text: string;
  audience?: Audience;
  age?: number;
  locale?: string;
}

/** One result line of the `ask --jsonl` contract. */
export interface AskResult {
  kind: TurnOutcome['kind'];
  id: string | null;
  score: number | null;
  pii: boolean;
  text: string;
  suggestions: string[];
}

/** Channel the CLI talks on: the Emulator's, so replies are rendered as in the Emulator. */
const CLI_CHANNEL = 'emulator';

/**
 * An answer with what the evaluations also read: the entries its buttons offer, in order (a did-you-mean's candidates
 * first), and for a check-in the reply it came before.
 */
export interface AskDetail {
  result: AskResult;
  offered: string[];
  answered?: TurnOutcome['answered'];
}

/**
 * Asks the real bot questions, each in a fresh conversation of a fresh user who already has the given audience
 * and age. One bot serves them all (each its own conversation and user, so nothing carries over), as one bot
 * serves every conversation in production.
 */
export class BotAsker {
  private counter = 0;
  private parts: BotParts | undefined;

  constructor(
    private readonly config: Config,
    private readonly store: KnowledgeStore,
  ) {}

  async ask(input: AskInput): Promise<AskResult> {
    return (await this.askInDetail(input)).result;
  }

  async askInDetail(input: AskInput): Promise<AskDetail> {
    this.parts ??= buildBot(this.config, this.store, createLogger('silent'), { storage: new MemoryStorage(), insights: new MemoryInsightRecorder() });
    const { bot, state } = this.parts;
    const n = ++this.counter;
    let reply: BotReply | undefined;
    const adapter = new TestAdapter(async (context) => {
      await bot.run(context);
      reply = context.turnState.get(TURN_REPLY) as BotReply | undefined;
    });
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: input.text,
      channelId: CLI_CHANNEL,
      locale: input.locale ?? 'en-US',
      conversation: { id: `ask-${process.pid}-${n}`, isGroup: false, conversationType: 'personal', name: 'ask' },
      from: { id: `ask-user-${n}`, name: 'User', role: 'user' },
      recipient: { id: 'cop-guide-bot', name: 'COP Guide Bot', role: 'bot' },
    };
    if (input.audience !== undefined || input.age !== undefined) {
      const seed = new TurnContext(adapter, activity);
      Object.assign((await state.load(seed, false)).profile, seededProfile(input, this.store.snapshot()?.kb));
      await state.save(seed, false);
    }
    await adapter.receiveActivity(activity);
    const replies: Partial<Activity>[] = [];
    while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift() as Partial<Activity>);
    const { text, suggestions } = readReplies(replies);
    const outcome: TurnOutcome | undefined = reply?.outcome;
    const result: AskResult = {
      kind: outcome?.kind ?? 'fallback',
      id: outcome?.entryId ?? null,
      score: outcome?.confidence === null || outcome?.confidence === undefined ? null : Math.round(outcome.confidence * 1000) / 1000,
      pii: outcome?.pii ?? false,
      text,
      suggestions,
    };
    return { result, offered: (reply?.suggestions ?? []).flatMap((s) => (s.entryId ? [s.entryId] : [])), answered: outcome?.answered };
  }
}

/**
 * The profile `--audience` / `--age` preset: a parent's or educator's `--age` is their child's age; anyone
 * else's is their own. The age picks the age band as if the user had said it.
 */
function seededProfile(input: AskInput, kb: KnowledgeBase | undefined): UserProfile {
  const forChild = input.audience === 'parents-educators';
  const band = kb && input.age !== undefined ? bandOf(kb.audiences, input.age) : undefined;
  return {
    audience: input.audience,
    ...(input.age === undefined ? {} : forChild ? { childAge: input.age } : { age: input.age }),
    ...(band ? { ageBand: band.id } : {}),
  };
}

/** Checks one JSON line of input; returns the input or the reason it cannot be used. */
export function parseAskLine(line: string): AskInput | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'expected a JSON object like {"text": "..."}' };
  const { text, audience, age, locale } = value as Record<string, unknown>;
  if (typeof text !== 'string' || !text.trim()) return { error: '"text" must be a non-empty string' };
  if (audience !== undefined && !isAudience(audience)) return { error: `"audience" must be one of children, parents-educators, industry, policy-makers, general` };
  if (age !== undefined && (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 120)) return { error: '"age" must be a whole number from 0 to 120' };
  if (locale !== undefined && (typeof locale !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale))) return { error: '"locale" must be a language tag such as en-GB' };
  return { text, audience: audience as Audience | undefined, age: age as number | undefined, locale: locale as string | undefined };
}

export function formatPlain(result: AskResult): string {
  const options = result.suggestions.length > 0 ? `\n\nOptions:\n${result.suggestions.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}` : '';
  return `${result.text}${options}\n`;
}

/** The whole bot as the evaluations ask it (`kb:test`): the same turn as `ask --jsonl`, with the entries offered. */
export function askBotFor(config: Config, store: KnowledgeStore): AskBot {
  const asker = new BotAsker(config, store);
  return async (input) => {
    const { result, offered, answered } = await asker.askInDetail(input);
    const underCheckIn = answered ? { kind: answered.kind, id: answered.entryId, confidence: answered.confidence } : undefined;
    return { kind: result.kind, id: result.id, offered, pii: result.pii, confidence: result.score, ...(underCheckIn ? { underCheckIn } : {}) };
  };
}

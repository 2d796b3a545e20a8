import type { Audience } from './types';

/** One message of a test set, as the bot is asked it: a fresh conversation with this audience, age and locale. */
export interface AskedCase {
  text: string;
  audience?: Audience;
  age?: number;
  locale?: string;
}

/** What the whole bot did with a case (the `ask` contract's result, and the entries its buttons offered). */
export interface BotVerdict {
  kind: 'answer' | 'clarify' | 'fallback' | 'safety';
  /** The entry answered, or `safety.<category>`, or null. */
  id: string | null;
  /** Entries offered as buttons, in order: for a did-you-mean, its candidates. */
  offered: string[];
  /** Personal data was found in the message. */
  pii: boolean;
  confidence: number | null;
  /** A check-in (`safety.check-in`) comes before the reply to the question: that reply. */
  underCheckIn?: { kind: 'answer' | 'clarify' | 'fallback' | 'safety'; id: string | null; confidence: number | null };
}

/** How the evaluations put a case to the bot: the same turn the server runs (`bot/ask.ts`). */
export type AskBot = (input: AskedCase) => Promise<BotVerdict>;

/**
 * A set's goal: the figures it must reach (`…AtMost`: must not exceed). `pending` names the work that will close
 * a gap the set has today: until it lands, a figure short of the goal is reported with its gap and does not fail.
 */
export interface SetGoal {
  goal: Record<string, number>;
  pending?: string;
}

export interface GoalCheck {
  name: string;
  figure: number;
  goal: number;
  met: boolean;
}

/** Each goal of a set against its figure (a figure with nothing to measure, such as no out-of-scope questions, is skipped). */
export function checkGoals(goal: Record<string, number>, figures: Record<string, number | undefined>): GoalCheck[] {
  return Object.entries(goal).flatMap(([name, target]) => {
    const figure = figures[name];
    if (figure === undefined) return [];
    const met = name.endsWith('AtMost') ? figure <= target + 1e-9 : figure >= target - 1e-9;
    return [{ name, figure, goal: target, met }];
  });
}

/** A set's status: ok, short of a pending goal (reported), or below its goal (fails). */
export function goalStatus(checks: GoalCheck[], pending: string | undefined): { text: string; fails: boolean } {
  const short = checks.filter((c) => !c.met);
  if (short.length === 0) return { text: pending ? `meets its goal: remove "pending: ${pending}"` : 'ok', fails: false };
  const gaps = short.map((c) => `${c.name} ${pct(c.figure)} (goal ${pct(c.goal)})`).join(', ');
  return pending ? { text: `short of goal, pending ${pending}: ${gaps}`, fails: false } : { text: `BELOW GOAL: ${gaps}`, fails: true };
}

export const pct = (fraction: number) => `${(100 * fraction).toFixed(1)} %`;
/** A figure as the reports print it: a percentage, or a dash when there was nothing to count. */
export const rateText = (n: number, of: number) => (of ? pct(n / of) : '—');
export const share = (n: number, of: number): number | undefined => (of > 0 ? n / of : undefined);

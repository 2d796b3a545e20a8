import { foldText } from '../knowledge/normalise';

/** A typed number picks the option with that number as shown in plain-text channels ("2"). */
const TYPED_NUMBER = /^\d{1,2}$/;

/**
 * The option a message picks from those offered, by the one rule for buttons and a guided flow's options alike:
 * its number ("2"), or one of its labels compared without case, accents or punctuation (exactly, for a label
 * that is only symbols, such as 👍).
 */
export function pickOffered<T>(offered: readonly T[], text: string, labels: (option: T) => string[]): T | undefined {
  const typed = text.trim();
  if (offered.length === 0 || !typed) return undefined;
  if (TYPED_NUMBER.test(typed)) return offered[Number(typed) - 1];
  const folded = foldText(typed);
  if (!folded) return offered.find((option) => labels(option).includes(typed));
  return offered.find((option) => labels(option).some((label) => foldText(label) === folded));
}

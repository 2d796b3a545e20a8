/**
 * Cheap checks that say when a recognizers-text recognizer cannot find anything in a text, so that it is not run:
 * its regular expressions cost a fifth of a millisecond a message, and almost no message holds a phone number, an
 * e-mail address or a number in words. Each gate may say yes to a text the recognizer then finds nothing in; it
 * never says no to one the recognizer finds something in (tested on every corpus of the repo and on random text).
 */

const DIGIT = /\d/g;

function digitCount(text: string): number {
  return text.match(DIGIT)?.length ?? 0;
}

/**
 * The recognizer's phone patterns (UK, US, DE, BR, CN, IT, NL, DK and a general one) take runs as short as four
 * digits with an international prefix ("+ 0 1 00"); none was found with fewer, in 600,000 random strings of digits and
 * phone punctuation.
 */
export function mayHoldPhoneNumber(text: string): boolean {
  return digitCount(text) >= 4;
}

/** E-mail addresses and @mentions are written with an @. */
export function mayHoldEmailOrMention(text: string): boolean {
  return text.includes('@');
}

/** An IPv4 address has four numbers; an IPv6 address is written with colons. */
export function mayHoldIpAddress(text: string): boolean {
  return text.includes(':') || digitCount(text) >= 4;
}

/**
 * Who-is-asking reads ages after the English number recognizer has written every whole number as digits. A text
 * it would change holds a number word ("eleven", "a dozen", "a hundred and five": cardinals and round numbers; "a"
 * and "half" only count beside one of them), digits it would join or scale ("1,000", "1 000", "10k", "3 dz"), or a
 * leading zero ("09"); in any other text, the digits are already as it would write them.
 */
const REWRITTEN_NUMBER =
  /\b(?:zero|n[ao]ught|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|(?:hundred|thousand|million|billion|trillion|lakh|crore|dozen|dz|doz)s?|mln|bln|tln)\b|\d[\s,.]+\d|\d\s*(?:k|m|mm|mil|g|b|t)\b|(?<!\d)0\d/i;

export function mayRewriteNumbers(text: string): boolean {
  return REWRITTEN_NUMBER.test(text);
}

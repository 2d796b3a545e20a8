import { createInterface } from 'node:readline';
import { KnowledgeStore } from '../../knowledge/store';
import { BotAsker, formatPlain, parseAskLine } from '../ask';
import { loadConfig } from '../config';
import { parseCommand, runCommand } from './command';

const USAGE = `Usage: npm run --silent ask -- "QUESTION" [--audience ID] [--age N] [--locale en-US]
       npm run --silent ask -- --jsonl < questions.jsonl
  Prints the bot's reply as plain text, or (--jsonl) one JSON result per input line: the ask contract of DESIGN.md.
  The bot's own configuration (.env, KB_DIR, thresholds) is used, so the answer is the bot's.
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCommand('ask', USAGE, argv, { jsonl: { type: 'boolean' }, audience: { type: 'string' }, age: { type: 'string' }, locale: { type: 'string' } });
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  store.reload();
  const asker = new BotAsker(config, store);

  if (args.values.jsonl) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const input = parseAskLine(line);
      const result = 'error' in input ? input : await asker.ask(input);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    return 0;
  }

  const { audience, age, locale } = args.values;
  const question = args.positionals.join(' ').trim();
  const line = JSON.stringify({
    text: question,
    ...(typeof audience === 'string' ? { audience } : {}),
    ...(typeof age === 'string' ? { age: Number(age) } : {}),
    ...(typeof locale === 'string' ? { locale } : {}),
  });
  const input = parseAskLine(line);
  if ('error' in input) {
    process.stderr.write(`${question ? input.error : 'No question given.'}\n${USAGE}`);
    return 2;
  }
  process.stdout.write(formatPlain(await asker.ask(input)));
  return 0;
}

runCommand(() => main(process.argv.slice(2)));

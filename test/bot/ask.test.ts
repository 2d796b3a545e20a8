import { runScript } from '../helpers/run';

const ask = (args: string[], input?: string) => runScript('bot/cli/ask.ts', args, { input });

describe('npm run ask', () => {
  it('answers a question in plain text, as the bot would', () => {
    const { status, stdout } = ask(['When was the COP guidelines launch event?']);
    expect(status).toBe(0);
    expect(stdout).toContain('24 June 2020');
    expect(stdout).toMatch(/\n\nOptions:\n {2}1\. /);
  });

  it('takes the audience into account', () => {
    const { stdout } = ask(['launch date?', '--audience', 'children', '--age', '10']);
    expect(stdout).toMatch(/^The big launch was on Wednesday 24 June 2020/);
  });

  it('rejects an unknown audience with a usage message', () => {
    const { status, stderr } = ask(['launch date?', '--audience', 'aliens']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/"audience" must be one of/);
  });

  it('answers JSON lines in order, one line each, with an error line in place of a malformed one', () => {
    const input = [
      JSON.stringify({ text: 'When was the COP guidelines launch event?' }),
      '{"text": "unclosed',
      JSON.stringify({ text: 'launch date?', audience: 'children', age: 10, locale: 'en-GB' }),
      JSON.stringify({ text: 'what is the capital of France?' }),
      JSON.stringify({ audience: 'general' }),
    ].join('\n');
    const { status, stdout } = ask(['--jsonl'], `${input}\n`);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(5);

    expect(lines[0]).toMatchObject({ kind: 'answer', id: 'event.date', pii: false });
    expect(lines[0].score).toBeGreaterThan(0.55);
    expect(lines[0].score).toBeLessThanOrEqual(1);
    expect(lines[0].text).toEqual(expect.stringContaining('24 June 2020'));
    expect(lines[0].suggestions).toEqual(expect.arrayContaining(['Start time and length']));

    expect(lines[1]).toEqual({ error: 'not valid JSON' });

    expect(lines[2]).toMatchObject({ kind: 'answer', id: 'event.date' });
    expect(lines[2].text).toEqual(expect.stringMatching(/^The big launch was on Wednesday 24 June 2020/));

    expect(lines[3]).toMatchObject({ kind: 'fallback', id: null, pii: false });
    expect(lines[3].text).toEqual(expect.stringMatching(/^Sorry, I don't know/));
    expect(Object.keys(lines[3]).sort()).toEqual(['id', 'kind', 'pii', 'score', 'suggestions', 'text']);

    expect(lines[4]).toEqual({ error: '"text" must be a non-empty string' });
  });

  it('gives a clarify line with the candidates and "None of these"', () => {
    const { stdout } = ask(['--jsonl'], `${JSON.stringify({ text: 'launch?' })}\n`);
    const line = JSON.parse(stdout) as { kind: string; id: null; suggestions: string[] };
    expect(line.kind).toBe('clarify');
    expect(line.id).toBeNull();
    expect(line.suggestions.at(-1)).toBe('None of these');
    expect(line.suggestions.length).toBeGreaterThanOrEqual(2);
  });
});

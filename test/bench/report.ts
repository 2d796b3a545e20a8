import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One figure of the benchmark: what was measured, and the figure as it is printed. */
interface Row {
  label: string;
  value: string;
}

interface Section {
  title: string;
  note?: string;
  rows: Row[];
}

/**
 * The figures of one `npm run bench` run: each is printed as soon as it is measured, and the whole run is written
 * as Markdown (bench/RESULTS.md) with the machine it ran on. Nothing is asserted: a goal that is missed is said.
 */
export class BenchReport {
  private readonly sections: Section[] = [];
  private readonly goals: { goal: string; figure: string; met: boolean }[] = [];

  section(title: string, note?: string): void {
    this.sections.push({ title, note, rows: [] });
    process.stdout.write(`\n## ${title}\n`);
  }

  row(label: string, value: string): void {
    const section = this.sections.at(-1);
    if (!section) throw new Error('a row needs a section');
    section.rows.push({ label, value });
    process.stdout.write(`${label.padEnd(58)} ${value}\n`);
  }

  /** A done criterion of the performance issue, and whether this run met it. */
  goal(goal: string, figure: string, met: boolean): void {
    this.goals.push({ goal, figure, met });
  }

  markdown(startedAt: Date, seconds: number): string {
    const lines = [
      '# Benchmark results',
      '',
      `Written by \`npm run bench\` (test/bench/) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${Math.round(seconds)} s; every figure below comes from this one run. Figures depend on the machine: compare runs on the same one.`,
      '',
      machine(),
      '',
      '## Goals',
      '',
      '| goal | this run | |',
      '|---|---|---|',
      ...this.goals.map(({ goal, figure, met }) => `| ${goal} | ${figure} | ${met ? 'met' : '**not met**'} |`),
    ];
    for (const section of this.sections) {
      lines.push('', `## ${section.title}`, '');
      if (section.note) lines.push(section.note, '');
      lines.push('| | |', '|---|---|', ...section.rows.map(({ label, value }) => `| ${label} | ${value} |`));
    }
    return `${lines.join('\n')}\n`;
  }

  write(file: string, startedAt: Date, seconds: number): void {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, this.markdown(startedAt, seconds));
  }
}

function machine(): string {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a git checkout: the commit is not known.
  }
  return [
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()} (${os.arch()}).`,
    `Node.js ${process.version}; code at ${commit}.`,
  ].join(' ');
}

/** Milliseconds, to a sensible precision. */
export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

/** The median and the 99th percentile of some timings. */
export function percentiles(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

/** One problem in one knowledge file, with the line an editor should jump to. */
export interface KnowledgeProblem {
  /** Path of the file, relative to the knowledge folder's parent where possible. */
  file: string;
  /** 1-based line; 0 when the problem is the file as a whole. */
  line: number;
  reason: string;
}

export function formatProblem(problem: KnowledgeProblem): string {
  return `${problem.file}${problem.line > 0 ? `:${problem.line}` : ''}: ${problem.reason}`;
}

/** Thrown when the knowledge base cannot be loaded; carries every problem found, not just the first. */
export class KnowledgeError extends Error {
  readonly problems: readonly KnowledgeProblem[];

  constructor(problems: readonly KnowledgeProblem[]) {
    const count = problems.length;
    super(`The knowledge base has ${count} problem${count === 1 ? '' : 's'}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'KnowledgeError';
    this.problems = problems;
  }
}

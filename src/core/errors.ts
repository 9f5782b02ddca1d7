/**
 * Errors a user can cause carry a stable code, the place (file, line, column) and what to do.
 * The CLI prints them without a stack trace; `--debug` shows the stack.
 */

/** Where in a file a problem is. */
export interface ErrorPlace {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A mistake in input, config or usage that the user can fix. */
export class UserError extends Error {
  /** Stable code, listed in docs/errors.md. */
  readonly code: string;
  readonly place: ErrorPlace;
  /** What the user can do about it. */
  readonly hint?: string;
  /** Exit code for the CLI: 2 for usage and config errors, 1 for bad input. */
  readonly exitCode: 1 | 2;

  constructor(code: string, message: string, options: { place?: ErrorPlace; hint?: string; exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.code = code;
    this.place = options.place ?? {};
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 2;
  }

  /** One line for a person: `file:line:column: CODE message (hint)`. */
  format(): string {
    const { file, line, column } = this.place;
    const where = file ? `${file}${line ? `:${line}` : ''}${line && column ? `:${column}` : ''}: ` : '';
    return `${where}${this.code} ${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}

/** Several problems found at once (a config with three typos gets three messages, not one). */
export class UserErrors extends UserError {
  readonly problems: readonly UserError[];

  constructor(code: string, summary: string, problems: readonly UserError[]) {
    super(code, summary, { exitCode: problems[0]?.exitCode ?? 2, place: problems[0]?.place });
    this.name = 'UserErrors';
    this.problems = problems;
  }

  override format(): string {
    return [`${this.code} ${this.message}`, ...this.problems.map((p) => `  ${p.format()}`)].join('\n');
  }
}

/** True for errors that should be printed as a message, not a stack. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

import { KontorError } from '../../shared/errors.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** `--force`  Replace the file if it exists. */
  description: string;
  /** For string options: what the value is, e.g. `<dir>`. */
  valueName?: string;
}

/** What a command gets: its arguments, the data directory, and where to write. */
export interface CommandContext {
  /** Positional arguments after the command's own words. */
  args: string[];
  options: Record<string, string | boolean | undefined>;
  dataDir: string;
  databasePath: string;
  appVersion: string;
  json: boolean;
  /** One line (or block) to standard output. */
  out(text: string): void;
  /** Progress and notes to standard error, so that stdout stays clean for --json. */
  note(text: string): void;
  /** Writes `value` as JSON when --json was given, `text` otherwise. */
  result(text: string, value: unknown): void;
}

export interface CliCommand {
  /** One or more words: `info`, `products list`. */
  name: string;
  /** Arguments as shown in help, e.g. `<file>`. */
  argsUsage?: string;
  summary: string;
  /** Extra lines for `kontor <command> --help`. */
  details?: string;
  args: { min: number; max: number };
  options?: Record<string, OptionSpec>;
  /** Whether --json makes sense for this command. */
  json?: boolean;
  run(context: CommandContext): Promise<void>;
}

/** Wrong use of the command line: exit code 2, and the usage is shown. */
export class UsageError extends KontorError {
  readonly command: CliCommand | undefined;

  constructor(message: string, command?: CliCommand) {
    super('VALIDATION', message);
    this.name = 'UsageError';
    this.command = command;
  }
}

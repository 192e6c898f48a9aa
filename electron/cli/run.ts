import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KontorError } from '../../shared/errors.ts';
import { databasePathIn, resolveDataDir } from '../core/dataDir.ts';
import { UsageError, type CliCommand, type CommandContext, type OptionSpec } from './command.ts';
import { COMMANDS } from './commands.ts';
import { oneLine, table } from './output.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': {
    type: 'string',
    valueName: '<dir>',
    description: "Use this data directory (default: $KONTOR_DATA_DIR, then the desktop app's).",
  },
  json: { type: 'boolean', description: 'Print the result as JSON on stdout (commands that have a result).' },
  help: { type: 'boolean', short: 'h', description: 'Show help; "kontor <command> --help" for one command.' },
  version: { type: 'boolean', short: 'V', description: 'Show the version of Kontor.' },
};

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs one command line and answers the exit code: 0 done, 1 failed, 2 wrong usage. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  try {
    return await run(argv, io, commands);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `kontor ${error.command.name} --help` : 'kontor --help';
      io.stderr(`kontor: ${oneLine(error.message)} (see "${help}")\n`);
      return EXIT_USAGE;
    }
    if (error instanceof KontorError) {
      io.stderr(`kontor: ${oneLine(error.message)}\n`);
      return EXIT_FAILED;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`kontor: unexpected problem: ${oneLine(message)}\n`);
    if (io.env.KONTOR_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_FAILED;
  }
}

async function run(argv: readonly string[], io: CliIo, commands: readonly CliCommand[]): Promise<number> {
  const options = allOptions(commands);
  const { values, positionals } = parse(argv, options);
  const version = appVersion();
  if (values.version === true) {
    io.stdout(`kontor ${version}\n`);
    return EXIT_OK;
  }

  const command = findCommand(positionals, commands);
  if (!command) {
    if (positionals.length === 0 && values.help === true) {
      io.stdout(generalHelp(version, commands));
      return EXIT_OK;
    }
    if (positionals.length === 0) throw new UsageError('say which command to run');
    throw new UsageError(`there is no command "${positionals[0]}"`);
  }
  if (values.help === true) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }

  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || name in GLOBAL_OPTIONS) continue;
    if (!command.options || !(name in command.options)) throw new UsageError(`${command.name} has no option --${name}`, command);
  }
  if (values.json === true && !command.json) throw new UsageError(`${command.name} has no JSON output`, command);
  const args = positionals.slice(command.name.split(' ').length);
  if (args.length < command.args.min) {
    throw new UsageError(`${command.name} needs ${command.argsUsage ?? 'more arguments'}`, command);
  }
  if (args.length > command.args.max) {
    const extra = args.slice(command.args.max).map((a) => JSON.stringify(a)).join(' ');
    throw new UsageError(`${command.name} takes ${command.args.max === 0 ? 'no arguments' : `only ${command.argsUsage ?? ''}`}, not ${extra}`, command);
  }

  const dataDirFlag = values['data-dir'];
  if (dataDirFlag === '') throw new UsageError('--data-dir needs a directory', command);
  const dataDir = resolveDataDir({ argv: typeof dataDirFlag === 'string' ? ['--data-dir', dataDirFlag] : [], env: io.env });
  const json = values.json === true;
  const context: CommandContext = {
    args,
    options: values,
    dataDir,
    databasePath: databasePathIn(dataDir),
    appVersion: version,
    json,
    out: (text) => io.stdout(`${text}\n`),
    note: (text) => io.stderr(`${text}\n`),
    result: (text, value) => io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`),
  };
  await command.run(context);
  return EXIT_OK;
}

type ParseOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function allOptions(commands: readonly CliCommand[]): Record<string, OptionSpec> {
  const all: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS };
  for (const command of commands) {
    for (const [name, spec] of Object.entries(command.options ?? {})) {
      const seen = all[name];
      // One parse for every command: the same option name must mean the same kind of value everywhere.
      if (seen && (seen.type !== spec.type || seen.short !== spec.short)) {
        throw new Error(`The CLI option --${name} of "${command.name}" clashes with another command's --${name}.`);
      }
      all[name] = spec;
    }
  }
  return all;
}

function parse(argv: readonly string[], options: Record<string, OptionSpec>) {
  const config: ParseOptions = Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
  );
  try {
    return parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`there is no option ${option ?? ''}`.trim());
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(option ? `${option} needs a value` : oneLine((error as Error).message));
    }
    throw new UsageError(oneLine((error as Error).message));
  }
}

/** The command whose words start the positionals; the longest wins (`products list` over `products`). */
function findCommand(positionals: readonly string[], commands: readonly CliCommand[]): CliCommand | undefined {
  let best: CliCommand | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    const matches = words.every((word, i) => positionals[i] === word);
    if (matches && (!best || words.length > best.name.split(' ').length)) best = command;
  }
  return best;
}

function optionRows(options: Record<string, OptionSpec>): [string, string][] {
  return Object.entries(options).map(([name, spec]) => [
    `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.valueName ? ` ${spec.valueName}` : ''}`,
    spec.description,
  ]);
}

function generalHelp(version: string, commands: readonly CliCommand[]): string {
  return [
    `Kontor ${version}: the exporter's back office, from the command line.`,
    '',
    'Usage: kontor <command> [options]',
    '',
    'Commands:',
    table(commands.map((c) => [c.argsUsage ? `${c.name} ${c.argsUsage}` : c.name, c.summary]), '  '),
    '',
    'Options:',
    table(optionRows(GLOBAL_OPTIONS), '  '),
    '',
    'Exit codes: 0 done, 1 failed (the reason is on stderr), 2 wrong usage.',
    '',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  const own = command.options ?? {};
  const globals = Object.fromEntries(
    Object.entries(GLOBAL_OPTIONS).filter(([name]) => name !== 'version' && (name !== 'json' || command.json)),
  );
  const flags = Object.entries(own).map(([name, spec]) => `[--${name}${spec.valueName ? ` ${spec.valueName}` : ''}]`);
  return [
    `Usage: kontor ${[command.name, command.argsUsage, ...flags].filter(Boolean).join(' ')} [options]`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
    'Options:',
    table(optionRows({ ...own, ...globals }), '  '),
    '',
  ].join('\n');
}

/**
 * `kontor`: the command line of Kontor (`npm run kontor -- <command>`, or bin/kontor.js). Plain
 * Node: it opens the database itself and never starts Electron.
 */
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});

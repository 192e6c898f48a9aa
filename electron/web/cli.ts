/**
 * `npm run web` — Kontor in the browser: the same core as the desktop app, behind a local HTTP
 * server on 127.0.0.1 (see server.ts for why it is safe to leave running).
 *
 *   npm run web [-- --port N] [--data-dir DIR] [--build]
 *
 * Builds the renderer first when out/renderer/index.html is missing (or with --build). The data
 * directory is the desktop app's unless --data-dir or KONTOR_DATA_DIR says otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { KontorError } from '../../shared/errors.ts';
import { resolveDataDir } from '../core/dataDir.ts';
import { openKontorHost, type KontorHost } from '../core/kontorHost.ts';
import { consoleLogger } from '../core/logger.ts';
import { WebServerError, startWebServer, type WebServer } from './server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STATIC_DIR = path.join(ROOT, 'out', 'renderer');

const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--build]

  --port N        listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR  where Kontor keeps its database (default: KONTOR_DATA_DIR, else the desktop app's)
  --build         rebuild the renderer (out/renderer) before starting
  --help          show this text`;

interface Arguments {
  port: number;
  build: boolean;
  help: boolean;
}

function parseArguments(argv: string[]): Arguments {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      // Read by resolveDataDir from argv; declared so strict parsing accepts it.
      'data-dir': { type: 'string' },
      build: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65_535) {
      throw new UsageError(`--port takes a number from 1 to 65535, not "${values.port}".`);
    }
  }
  return { port, build: values.build, help: values.help };
}

class UsageError extends Error {}

/**
 * Builds only the renderer, with the same resolved configuration `electron-vite build` uses, so
 * browser mode does not need the main process or preload to build (nor Electron to be installed).
 */
async function buildRenderer(): Promise<void> {
  // Dev-only packages, loaded only when a build is needed.
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  // electron-vite's resolveConfig and build set these for the whole process; the core that runs
  // afterwards in this process should not inherit them.
  const saved = { NODE_ENV: process.env.NODE_ENV, NODE_ENV_ELECTRON_VITE: process.env.NODE_ENV_ELECTRON_VITE };
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  try {
    const resolved = await resolveConfig({ root: ROOT }, 'build', 'production');
    const renderer = resolved.config?.renderer;
    if (!renderer) throw new Error(`${path.join(ROOT, 'electron.vite.config.ts')} has no renderer section to build.`);
    await build(renderer);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error(`The renderer build finished but ${path.join(STATIC_DIR, 'index.html')} is missing; check electron.vite.config.ts.`);
  }
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error(`${path.join(ROOT, 'package.json')} has no version.`);
  return pkg.version;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArguments(argv);
  if (args.help) {
    console.log(USAGE);
    return;
  }

  if (args.build || !existsSync(path.join(STATIC_DIR, 'index.html'))) {
    console.log(args.build ? 'Building the renderer…' : `No renderer build in ${STATIC_DIR}; building it…`);
    await buildRenderer();
  }

  const log = consoleLogger;
  const dataDir = resolveDataDir({ argv, env: process.env });
  const kontor: KontorHost = await openKontorHost({ dataDir, appVersion: appVersion(), mode: 'web', log, dataSafety: true });
  let server: WebServer;
  try {
    server = await startWebServer({ kontor, staticDir: STATIC_DIR, port: args.port, host: '127.0.0.1', log });
  } catch (error) {
    await kontor.close();
    throw error;
  }

  console.log(`Kontor is running at ${server.url}`);
  console.log(`Data directory: ${dataDir}`);
  console.log('Open the address above in your browser (it carries this launch\'s access key). Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl+C while closing: the user wants out now.
      console.error(`${signal} again: exiting without waiting for Kontor to close.`);
      process.exit(130);
    }
    stopping = true;
    console.log(`${signal}: stopping Kontor…`);
    // The server first, so no call reaches a core that is closing.
    server
      .close()
      .then(() => kontor.close())
      .then(() => {
        console.log('Kontor stopped.');
        process.exitCode = 0;
        // Normally the process ends here by itself; if something still holds it, say so and go.
        setTimeout(() => {
          console.error('Something kept running after Kontor closed; exiting anyway.');
          process.exit(0);
        }, 3_000).unref();
      })
      .catch((error: unknown) => {
        console.error('Kontor did not close cleanly:', error);
        process.exitCode = 1;
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // Kontor's own errors (a database from a newer version, a port in use, …) explain themselves;
  // anything else is a bug, and its stack helps.
  if (error instanceof KontorError || error instanceof WebServerError) console.error(`Kontor could not start: ${error.message}`);
  else console.error('Kontor could not start:', error);
  process.exitCode = 1;
});

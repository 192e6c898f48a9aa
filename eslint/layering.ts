/**
 * The layering rule: which folder may import what.
 *
 *   electron/main      anything (the only place besides the preload that may import `electron`)
 *   electron/preload   only `electron`, shared/ and its own files: it runs sandboxed, without Node built-ins
 *   electron/core      no `electron`: the core runs under plain Node (behind the app, the CLI and the web server)
 *   electron/cli       no `electron`: a plain Node entry point
 *   electron/web       no `electron`: a plain Node entry point
 *   shared             no `electron`, no Node built-ins, nothing from electron/ or renderer/: it runs in the
 *                      browser and under Node, and is the contract both sides import
 *   renderer           no `electron`, no Node built-ins, nothing from electron/: it runs in the browser and
 *                      talks to the core only through the contract in shared/
 *
 * A small local rule (`kontor/layering`) rather than `no-restricted-imports`, because it also catches
 * `import()`, `require()`, `import x = require()` and `import('…')` types, resolves relative paths
 * (so `../../electron/core/db.ts` is caught however deep the importer sits, and a folder that merely
 * happens to be called `electron` is not), can express the preload's allow-list, and cannot be silently
 * replaced by another config block that sets `no-restricted-imports` for some other reason.
 *
 * eslint.config.ts spreads `layering` in; tests/lint/layering.test.ts lints with exactly this array.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ESLint, Linter, Rule } from 'eslint';

/** The repository root: the config globs below are relative to it, and so are the folders the rule protects. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const LAYERS = ['core', 'cli', 'web', 'shared', 'renderer', 'preload'] as const;
export type Layer = (typeof LAYERS)[number];

/** Where each layer lives, relative to ROOT. */
export const LAYER_DIRS: Record<Layer, string> = {
  core: 'electron/core',
  cli: 'electron/cli',
  web: 'electron/web',
  shared: 'shared',
  renderer: 'renderer',
  preload: 'electron/preload',
};

/** Bare names of Node built-ins (`fs`, `fs/promises`, …); anything `node:`-prefixed is a built-in too. */
const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules.filter((name) => !name.startsWith('node:')));

export function isNodeBuiltin(source: string): boolean {
  return source.startsWith('node:') || NODE_BUILTINS.has(source);
}

export function isElectron(source: string): boolean {
  return source === 'electron' || source.startsWith('electron/');
}

function isRelativeOrAbsolute(source: string): boolean {
  return source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../') || path.isAbsolute(source);
}

function isInside(target: string, dir: string): boolean {
  const rel = path.relative(dir, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

const messages = {
  electronInNode:
    "'{{source}}' is Electron, but {{dir}}/ must not import it: the core runs under plain Node (also behind the CLI and the web server); only electron/main and electron/preload may import electron.",
  electronInBrowser:
    "'{{source}}' is Electron, but {{dir}}/ must not import it: shared and renderer code runs in the browser (shared also under plain Node); only electron/main and electron/preload may import electron.",
  nodeInBrowser:
    "'{{source}}' is a Node built-in, but {{dir}}/ must not import it: shared and renderer code runs in the browser, where Node built-ins do not exist.",
  rendererToElectron:
    "'{{source}}' reaches into electron/: the renderer runs in the browser and talks to the core only through the contract in shared/.",
  sharedToApp:
    "'{{source}}' reaches into {{target}}/: shared/ is the contract both sides import, so it must not depend on either side.",
  preloadNode:
    "'{{source}}' is a Node built-in: the preload runs sandboxed, without Node built-ins; it may import only electron and shared/.",
  preloadOther:
    "'{{source}}' is not allowed in the preload: it runs sandboxed and may import only electron, shared/ and its own files in electron/preload/.",
} as const;

type MessageId = keyof typeof messages;
type Problem = { messageId: MessageId; data?: Record<string, string> };

/** What `layer` may not import; `resolved` is the absolute target of a relative import, if it is one. */
function check(layer: Layer, source: string, resolved: string | undefined): Problem | undefined {
  const dir = LAYER_DIRS[layer];
  const inDir = (rel: string): boolean => resolved !== undefined && isInside(resolved, path.join(ROOT, rel));

  switch (layer) {
    case 'core':
    case 'cli':
    case 'web':
      return isElectron(source) ? { messageId: 'electronInNode', data: { dir } } : undefined;

    case 'shared':
    case 'renderer':
      if (isElectron(source)) return { messageId: 'electronInBrowser', data: { dir } };
      if (isNodeBuiltin(source)) return { messageId: 'nodeInBrowser', data: { dir } };
      if (layer === 'renderer' && inDir('electron')) return { messageId: 'rendererToElectron' };
      if (layer === 'shared') {
        for (const target of ['electron', 'renderer']) {
          if (inDir(target)) return { messageId: 'sharedToApp', data: { target } };
        }
      }
      return undefined;

    case 'preload':
      if (isElectron(source)) return undefined;
      if (isNodeBuiltin(source)) return { messageId: 'preloadNode' };
      if (inDir('shared') || inDir(LAYER_DIRS.preload)) return undefined;
      return { messageId: 'preloadOther' };
  }
}

/** The string in `'x'` or `` `x` `` (no substitutions); undefined for anything computed. */
function staticString(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const n = node as { type?: string; value?: unknown; expressions?: unknown[]; quasis?: { value: { cooked?: string | null } }[] };
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions?.length === 0) return n.quasis?.[0]?.value.cooked ?? undefined;
  return undefined;
}

const layeringRule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce which folders may import electron, Node built-ins and each other (see eslint/layering.ts).' },
    schema: [{ enum: [...LAYERS] }],
    messages,
  },
  create(context) {
    const layer = context.options[0] as Layer | undefined;
    if (layer === undefined) return {};
    const filename = context.filename;
    const fileDir = path.isAbsolute(filename) ? path.dirname(filename) : undefined;

    /** Checks one module specifier; `sourceNode` is the string literal (anything else is skipped). */
    const report = (sourceNode: unknown): void => {
      const source = staticString(sourceNode);
      if (source === undefined) return;
      let resolved: string | undefined;
      if (isRelativeOrAbsolute(source)) {
        const bare = source.replace(/[?#].*$/, ''); // Vite's `?raw`, `?url`, …
        resolved = path.isAbsolute(bare) ? bare : fileDir === undefined ? undefined : path.resolve(fileDir, bare);
      }
      const problem = check(layer, source, resolved);
      if (problem === undefined) return;
      context.report({ node: sourceNode as Rule.Node, messageId: problem.messageId, data: { source, ...problem.data } });
    };

    return {
      ImportDeclaration: (node) => report(node.source),
      ExportNamedDeclaration: (node) => node.source && report(node.source),
      ExportAllDeclaration: (node) => report(node.source),
      ImportExpression: (node) => report(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length >= 1) {
          report(node.arguments[0]);
        }
      },
      // TypeScript-only syntax: `import x = require('…')` and `import('…')` in a type.
      TSExternalModuleReference: (node: Rule.Node) => report((node as unknown as { expression: unknown }).expression),
      TSImportType: (node: Rule.Node) => {
        // typescript-estree 8 has `source` (a string literal); older versions only `argument`, now deprecated.
        const typeImport = node as unknown as { source?: unknown; argument?: { type?: string; literal?: unknown } };
        if (typeImport.source !== undefined) {
          report(typeImport.source);
        } else {
          const argument = typeImport.argument;
          report(argument?.type === 'TSLiteralType' ? argument.literal : argument);
        }
      },
    };
  },
};

export const plugin: ESLint.Plugin = {
  meta: { name: 'kontor', version: '0.0.0' },
  rules: { layering: layeringRule },
};

/** The layering config, one block per layer; spread it into eslint.config.ts (after everything else). */
export const layering: Linter.Config[] = [
  { name: 'kontor/layering/plugin', plugins: { kontor: plugin } },
  ...LAYERS.map(
    (layer): Linter.Config => ({
      name: `kontor/layering/${layer}`,
      files: [`${LAYER_DIRS[layer]}/**`],
      rules: { 'kontor/layering': ['error', layer] },
    }),
  ),
];

// ESLint flat config. Loaded through jiti (a devDependency), since ESLint reads TypeScript configs
// natively only behind the `unstable_native_nodejs_ts_config` flag.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layering } from './eslint/layering.ts';

const JS_FILES = ['**/*.{js,mjs,cjs,jsx}'];

export default defineConfig(
  globalIgnores(
    ['out/', 'node_modules/', 'dist/', '.bench/', 'test-results/', 'playwright-report/', 'resources/', '.kontor-dev/'],
    'kontor/ignores',
  ),
  {
    name: 'kontor/linter-options',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    name: 'kontor/type-info',
    languageOptions: {
      parserOptions: {
        // Each file gets the tsconfig that includes it (tsconfig.json references tsconfig.node.json and
        // tsconfig.web.json). eslint/*.ts is in neither, so it is checked against tsconfig.node.json's options.
        projectService: {
          allowDefaultProject: ['eslint/*.ts'],
          defaultProject: 'tsconfig.node.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    name: 'kontor/rules',
    rules: {
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `onClick={async () => …}` is fine in React.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },

  // Plain JavaScript (bin/kontor.js, …) is in no tsconfig: lint it without type information.
  { name: 'kontor/js', files: JS_FILES, extends: [tseslint.configs.disableTypeChecked] },
  // Playwright's in-page scripts are excluded from tsconfig.node.json (they have DOM types), so the same.
  {
    name: 'kontor/e2e-browser',
    files: ['tests/e2e/**/*.browser.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.browser },
  },

  {
    name: 'kontor/globals/node',
    files: [...JS_FILES, 'electron/**', 'scripts/**', 'tests/**', 'eslint/**', '*.config.ts'],
    ignores: ['tests/e2e/**/*.browser.ts'],
    languageOptions: { globals: globals.node },
  },
  { name: 'kontor/globals/shared', files: ['shared/**'], languageOptions: { globals: globals['shared-node-browser'] } },
  { name: 'kontor/globals/renderer', files: ['renderer/**'], languageOptions: { globals: globals.browser } },

  {
    name: 'kontor/react-hooks',
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },

  {
    name: 'kontor/tests',
    files: ['tests/**'],
    rules: {
      // `expect(mock.method).toHaveBeenCalled()` is the normal way to write a test.
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // Which folder may import what: see eslint/layering.ts.
  layering,
);

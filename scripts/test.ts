/**
 * `npm test`: typecheck, lint, unit tests, build, browser end-to-end tests, in that order. Every
 * step runs even when an earlier one failed, so one run shows everything that is wrong; the exit
 * code is non-zero if any step failed. The last line is the summary CI reads:
 * "N passed, N failed, N skipped".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const unitJson = join(results, 'unit.json');
const e2eJson = join(results, 'e2e.json');
rmSync(unitJson, { force: true });
rmSync(e2eJson, { force: true });

const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface Step {
  name: string;
  command: string;
  args: string[];
}

const steps: Step[] = [
  { name: 'typecheck (node)', command: bin('tsc'), args: ['-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'typecheck (web)', command: bin('tsc'), args: ['-p', 'tsconfig.web.json', '--noEmit'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  {
    name: 'unit tests',
    command: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`],
  },
  { name: 'build', command: bin('electron-vite'), args: ['build'] },
  { name: 'end-to-end tests', command: bin('playwright'), args: ['test'] },
];

const outcomes: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const run = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = run.status === 0;
  if (run.error) console.error(`could not start ${step.command}: ${run.error.message}`);
  outcomes.push({ name: step.name, ok, seconds: (Date.now() - started) / 1000 });
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(unitJson)) {
  const unit = JSON.parse(readFileSync(unitJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
}
const skipReasons: string[] = [];
if (existsSync(e2eJson)) {
  const e2e = JSON.parse(readFileSync(e2eJson, 'utf8')) as PlaywrightReport;
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  collectSkipReasons(e2e.suites, skipReasons);
}
// A step that failed without failing a test (typecheck, lint, build, a crashed runner) still counts.
const failedSteps = outcomes.filter((o) => !o.ok);
const failedChecks = failedSteps.filter((o) => o.name !== 'unit tests' && o.name !== 'end-to-end tests').length;

console.log('\n━━ summary ━━');
for (const o of outcomes) console.log(`${o.ok ? '✓' : '✗'} ${o.name} (${o.seconds.toFixed(1)} s)`);
// Reporters list a skipped test without its reason; a skip must say why where people look.
for (const reason of skipReasons) console.log(`- skipped ${reason}`);
if (failedSteps.length > 0 && failed === 0 && failedChecks === 0) failed = failedSteps.length;
console.log(`${passed} passed, ${failed + failedChecks} failed, ${skipped} skipped`);
process.exit(failedSteps.length === 0 ? 0 : 1);

interface PlaywrightSuite {
  title: string;
  specs?: { title: string; tests: { status: string; annotations: { type: string; description?: string }[] }[] }[];
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
}

function collectSkipReasons(suites: PlaywrightSuite[], into: string[]): void {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'skipped') continue;
        const why = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        into.push(`"${spec.title}": ${why}`);
      }
    }
    collectSkipReasons(suite.suites ?? [], into);
  }
}

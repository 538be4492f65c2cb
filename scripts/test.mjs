// `npm test`: lint, format, typecheck, unit, integration on PGlite (and on PostgreSQL when
// DATABASE_URL is set), and the browser tests. Every step runs; the run fails if any step fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const only = process.argv.slice(2);
const results = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function run(name, command, args, env = {}) {
  if (only.length > 0 && !only.includes(name)) return;
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function vitest(name, project, env = {}) {
  const report = join(tmp, `vitest-${name}.json`);
  rmSync(report, { force: true });
  const ok = run(
    name,
    'npx',
    ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
  );
  if (ok === undefined) return;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    if (json.numTotalTests === 0) results.at(-1).ok = false;
  }
}

run('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
run('format', 'npx', ['prettier', '--check', '.']);
run('typecheck', 'npm', ['run', 'typecheck']);
vitest('unit', 'unit');
vitest('integration-pglite', 'integration', { TEST_DATABASE_URL: '' });
if (process.env.DATABASE_URL) vitest('integration-postgres', 'integration', { TEST_DATABASE_URL: process.env.DATABASE_URL });
vitest('e2e', 'e2e');

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)`);
const failedSteps = results.filter((r) => !r.ok).length;
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);

import { buildApp } from './app.ts';
import { systemClock } from './kernel/clock.ts';
import { ConfigError, loadConfig, type Config } from './kernel/config.ts';
import { openDatabase } from './kernel/db/database.ts';
import { withSimulatedQcc } from './integrations/qcc/qcc.simulated.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error('The CRM cannot start; fix these settings:');
      for (const p of err.problems) console.error(`  ${p}`);
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  // CRM_INTEGRATIONS=simulated: the registry simulator runs in this process and the connector points at it.
  const simulatedQcc = await withSimulatedQcc(readConfig());
  const config = simulatedQcc.config;
  const database = await openDatabase(config.database);
  await database.migrate();
  const built = await buildApp({ config, database, clock: systemClock(config.timezone) });
  const { app } = built;
  const outcomes = await built.prepare();
  for (const o of outcomes) {
    if (!o) continue;
    // Shown once, on the first start: generated passwords are not stored anywhere readable.
    if (o.adminPassword)
      app.log.warn(`Administrator account created: username "admin", password "${o.adminPassword}" (change it after signing in)`);
    if (o.demoPassword) app.log.warn(`Demo users created (e.g. "mgr.east", "rep.east1"); their password: "${o.demoPassword}"`);
  }
  await app.listen({ port: config.port, host: config.host });
  await built.kernel.jobs.start();
  app.log.info(
    { database: database.kind, ms: Date.now() - started },
    `CRM ready on http://localhost:${config.port} (database: ${database.kind === 'pglite' ? config.database.kind === 'pglite' && config.database.dataDir : 'PostgreSQL'})`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await built.kernel.jobs.stop();
      await simulatedQcc.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import { ConfigError, loadConfig } from '../kernel/config.ts';
import { openDatabase } from '../kernel/db/database.ts';

try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${database.kind}).`);
} catch (err) {
  if (err instanceof ConfigError) {
    for (const p of err.problems) console.error(p);
    process.exit(1);
  }
  throw err;
}

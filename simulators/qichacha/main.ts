// Runs the QCC simulator on its own: `npm run qichacha -w simulators -- --port 4010 --key KEY --secret SECRET`.
import { parseArgs } from 'node:util';
import { startQccSimulator } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    key: { type: 'string', default: 'SIMULATED-APP-KEY' },
    secret: { type: 'string', default: 'SIMULATED-SECRET-KEY' },
    tolerance: { type: 'string', default: '300' },
    'page-size': { type: 'string', default: '20' },
    quota: { type: 'string' },
  },
});

const sim = await startQccSimulator({
  port: Number(values.port),
  host: values.host,
  appKey: values.key,
  secretKey: values.secret,
  timespanToleranceSeconds: Number(values.tolerance),
  maxPageSize: Number(values['page-size']),
  quota: values.quota === undefined ? undefined : Number(values.quota),
});
console.log(`QCC simulator on ${sim.url} (AppKey ${values.key}); ${sim.companies.length} companies`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void sim.close().then(() => process.exit(0)));

import { randomBytes } from 'node:crypto';
import { startQccSimulator } from '@crm/simulators/qichacha';
import type { Config } from '../../kernel/config.ts';

/**
 * With CRM_INTEGRATIONS=simulated, starts the QCC simulator in this process on a free local port,
 * with a fresh key pair, and returns the configuration that points the connector at it.
 */
export async function withSimulatedQcc(config: Config): Promise<{ config: Config; close: () => Promise<void> }> {
  if (config.integrations.mode !== 'simulated') return { config, close: async () => undefined };
  const appKey = randomBytes(16).toString('hex');
  const secretKey = randomBytes(16).toString('hex');
  const sim = await startQccSimulator({ appKey, secretKey, maxPageSize: 20 });
  const qcc = Object.freeze({ ...config.integrations.qcc, baseUrl: sim.url, appKey, secretKey });
  const integrations = Object.freeze({ ...config.integrations, qcc });
  return { config: Object.freeze({ ...config, integrations }), close: () => sim.close() };
}

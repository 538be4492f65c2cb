import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPgliteTemplate, createPostgresTemplate, dropDatabase } from './template.ts';
import { testEngine } from './test-config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/** Migrates and seeds one template database; each test file then starts from a copy of it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = testEngine(process.env);
  if (engine.kind === 'pglite') {
    const dir = join(process.cwd(), '.tmp');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `pglite-template-${process.pid}.tar`);
    writeFileSync(path, await createPgliteTemplate());
    project.provide('pgliteTemplate', path);
    project.provide('postgresTemplate', '');
    return async () => undefined;
  }
  const name = `crm_test_tpl_${process.pid}`;
  await createPostgresTemplate(engine.url, name);
  project.provide('postgresTemplate', name);
  project.provide('pgliteTemplate', '');
  return async () => {
    await dropDatabase(engine.url, name);
  };
}

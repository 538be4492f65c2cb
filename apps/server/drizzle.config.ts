import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/kernel/kernel.schema.ts', './src/modules/*/*.schema.ts', './src/modules/*/*/*.schema.ts'],
  out: './drizzle',
});

// The bench imports the server's app, whose modules reach the Fastify plugins of the kernel: pull
// the server's own Fastify declarations and app.ts (with every plugin it registers, resolved from
// apps/server) into the program, so the type checker sees the same augmentations as the server.
import type {} from '../../apps/server/src/kernel/http/fastify.d.ts';
import type {} from '../../apps/server/src/app.ts';

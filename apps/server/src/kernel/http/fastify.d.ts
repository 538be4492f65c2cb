import type { Actor } from '../auth/actor.ts';
import type { Locale } from '../i18n.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public' routes need no session (login, health, docs); all others need an authenticated actor. */
    auth?: 'public' | 'user';
    /** The permission the route needs, checked before validation and before any work. */
    permission?: string;
  }
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
  }
}

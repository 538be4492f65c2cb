export * from './common.ts';
export * from './permissions.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './audit.ts';
export * from './notifications.ts';
export * from './files.ts';
export * from './errors.ts';

export * from './qcc/token.ts';
export * from './qcc/status.ts';
export * from './credit-code.ts';

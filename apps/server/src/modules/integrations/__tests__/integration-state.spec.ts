import { describe, expect, it } from 'vitest';
import { integrationState } from '../integration-state.ts';

const quiet = { calls: 0, errors: 0, limited: 0 };
const ok = { outcome: 'ok', errorKind: null };
const err = (errorKind: string) => ({ outcome: 'error', errorKind });

describe('integration state', () => {
  it('is not_configured without settings and idle without calls in the last day', () => {
    expect(integrationState({ configured: false, latest: [ok], lastHour: quiet, lastDay: { calls: 9, limited: 0 } })).toBe(
      'not_configured',
    );
    expect(integrationState({ configured: true, latest: [ok], lastHour: quiet, lastDay: { calls: 0, limited: 0 } })).toBe('idle');
  });

  it('is ok when the latest call succeeded and the last hour had few failures', () => {
    expect(
      integrationState({
        configured: true,
        latest: [ok, err('transport')],
        lastHour: { calls: 10, errors: 1, limited: 0 },
        lastDay: { calls: 10, limited: 0 },
      }),
    ).toBe('ok');
  });

  it('is degraded with a failed latest call, a fifth of the hour failing, or calls held back by the rate limit', () => {
    const day = { calls: 20, limited: 0 };
    expect(
      integrationState({ configured: true, latest: [err('transport'), ok], lastHour: { calls: 20, errors: 1, limited: 0 }, lastDay: day }),
    ).toBe('degraded');
    expect(integrationState({ configured: true, latest: [ok], lastHour: { calls: 10, errors: 2, limited: 0 }, lastDay: day })).toBe(
      'degraded',
    );
    expect(integrationState({ configured: true, latest: [ok], lastHour: { calls: 10, errors: 0, limited: 3 }, lastDay: day })).toBe(
      'degraded',
    );
  });

  it('is failing after three failures in a row, or at once when the account is refused', () => {
    const day = { calls: 20, limited: 0 };
    const hour = { calls: 5, errors: 3, limited: 0 };
    expect(
      integrationState({ configured: true, latest: [err('transport'), err('transport'), err('protocol')], lastHour: hour, lastDay: day }),
    ).toBe('failing');
    expect(integrationState({ configured: true, latest: [err('quota'), ok, ok], lastHour: hour, lastDay: day })).toBe('failing');
    expect(integrationState({ configured: true, latest: [err('auth')], lastHour: hour, lastDay: day })).toBe('failing');
  });
});

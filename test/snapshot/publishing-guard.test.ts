import { publishingGuardSettingsFromEnv } from '../../src/config/publishing-guard-settings';
import { refusals } from '../../src/snapshot/publishing-guard';

const PUBLISHED = { applications: 143_233, sr41: 10_000, offices: 450 };

describe('refusals', () => {
  it('should let a total fall by exactly the share and grow freely', () => {
    // 1 % of 10,000 is 100: 9,900 is allowed, 9,899 is not.
    expect(refusals(PUBLISHED, { ...PUBLISHED, sr41: 9_900, applications: 200_000 }, 0.01)).toEqual([]);
    expect(refusals(PUBLISHED, { ...PUBLISHED, sr41: 9_899 }, 0.01).map((refusal) => refusal.source)).toEqual(['sr41']);
  });

  it('should name both figures and the share of the fall', () => {
    expect(refusals(PUBLISHED, { ...PUBLISHED, applications: 11 }, 0.01)).toEqual([
      {
        source: 'applications',
        reason: 'national received applications fell from 143233 to 11 (-99.99%), more than DASMO_MAX_RECEIVED_DROP_PERCENT (1%) allows',
      },
    ]);
  });

  it('should refuse no office while applications or flows exist, even with nothing published', () => {
    expect(refusals(undefined, { applications: 0, sr41: 3, offices: 0 }, 0.01)).toEqual([
      { source: 'offices', reason: 'dasmo_sedi lists no office while 0 applications and 3 SR41 flows exist' },
    ]);
    expect(refusals(undefined, { applications: 0, sr41: 0, offices: 0 }, 0.01)).toEqual([]);
  });

  it('should never refuse a fall with a share of 100 %', () => {
    expect(refusals(PUBLISHED, { ...PUBLISHED, applications: 0, sr41: 0 }, 1)).toEqual([]);
  });
});

describe('publishingGuardSettingsFromEnv', () => {
  it('should default to 1 % and no accepted day', () => {
    expect(publishingGuardSettingsFromEnv({})).toEqual({ maxReceivedDrop: 0.01, acceptedDay: undefined });
    expect(publishingGuardSettingsFromEnv({ DASMO_MAX_RECEIVED_DROP_PERCENT: '0.5', DASMO_ACCEPT_REFUSED_REFERENCE_DATE: '2026-12-06' })).toEqual({
      maxReceivedDrop: 0.005,
      acceptedDay: '2026-12-06',
    });
  });

  it.each([['-1'], ['101'], ['1%'], ['abc']])('should refuse DASMO_MAX_RECEIVED_DROP_PERCENT=%s with one line', (raw) => {
    expect(() => publishingGuardSettingsFromEnv({ DASMO_MAX_RECEIVED_DROP_PERCENT: raw })).toThrow(
      `DASMO_MAX_RECEIVED_DROP_PERCENT must be a number from 0 to 100, got ${JSON.stringify(raw)}`,
    );
  });

  it('should refuse an accepted day that is not a date', () => {
    expect(() => publishingGuardSettingsFromEnv({ DASMO_ACCEPT_REFUSED_REFERENCE_DATE: '06/12/2026' })).toThrow(
      'DASMO_ACCEPT_REFUSED_REFERENCE_DATE must be a calendar date YYYY-MM-DD, got "06/12/2026"',
    );
  });
});

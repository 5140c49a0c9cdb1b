import {
  applicationOutcomeOf,
  benefitOf,
  causeOf,
  channelOf,
  flowOutcomeOf,
} from '../../src/snapshot/labels';

describe('benefitOf', () => {
  it.each([
    ['CIGO', false, 'cigo'],
    ['CIGS', false, 'cigs'],
    ['CIGD', false, 'cigd'],
    ['CIGD', true, 'cigd_pluri'],
    ['CIGO', true, 'cigo'],
    ['ASO', false, 'aso'],
    ['CISOA', true, 'cisoa'],
    [' cigd ', true, 'cigd_pluri'],
  ] as const)('should map %j (plurilocalizzata %s) to %s', (code, multi, expected) => {
    expect(benefitOf(code, multi)).toBe(expected);
  });

  it.each(['FIS', '', null, 'CIG', 'toString', '__proto__'])('should not know %j', (code) => {
    expect(benefitOf(code, false)).toBeNull();
  });
});

describe('causeOf', () => {
  it.each([
    ['COVID19', 'covid19'],
    ['covid19', 'covid19'],
    ['ORDINARIA', 'ordinary'],
    ['COVID-19', 'ordinary'],
    [null, 'ordinary'],
  ] as const)('should map %j to %s', (code, expected) => {
    expect(causeOf(code)).toBe(expected);
  });
});

describe('channelOf', () => {
  it.each([
    ['SR41', 'sr41'],
    ['SR43', 'sr43'],
    ['UNIEMENS_CIG', 'uniemens_cig'],
    ['uniemens_cig', 'uniemens_cig'],
    ['FAX', null],
    [null, null],
  ] as const)('should map %j to %s', (code, expected) => {
    expect(channelOf(code)).toBe(expected);
  });
});

describe('outcomes', () => {
  it.each([
    ['AUTORIZZATA', 'authorized'],
    ['RESPINTA', 'rejected'],
    ['ANNULLATA', 'cancelled'],
    ['PAGATO', null],
    [null, null],
  ] as const)('should map application outcome %j to %s', (code, expected) => {
    expect(applicationOutcomeOf(code)).toBe(expected);
  });

  it.each([
    ['PAGATO', 'paid'],
    ['SCARTATO', 'rejected'],
    ['ANNULLATO', 'cancelled'],
    ['DECADUTO', 'lapsed'],
    ['AUTORIZZATA', null],
  ] as const)('should map flow outcome %j to %s', (code, expected) => {
    expect(flowOutcomeOf(code)).toBe(expected);
  });
});

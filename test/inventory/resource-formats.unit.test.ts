/** Formats of regulated resources, quarantine dates and IPv4 arithmetic: pure functions, no store. */
import fc from 'fast-check';
import {
  blockEnd,
  blocksOverlap,
  checkBandwidth,
  checkResourceValue,
  formatIpv4Block,
  parseIpv4Block,
  RESOURCE_KINDS,
  type Ipv4Block,
} from '../../domain/resource-formats';
import { firstFreeSubBlock } from '../../inventory/ipv4';
import { expandRange } from '../../inventory/pools';
import { quarantineUntil } from '../../inventory/quarantine';

describe('resource formats', () => {
  test.each([
    ['special-number', '96110', '96110'],
    ['special-number', '95105100', '95105100'],
    ['number-400', '400-826-0001', '4008260001'],
    ['number-400', '400 826 0001', '4008260001'],
    ['display-number', '0516-83001234', '0516-83001234'],
    ['display-number', '051683001234', '0516-83001234'],
    ['display-number', '025-8456100', '025-8456100'],
    ['display-number', '01062345678', '010-62345678'],
    ['sms-access-number', '106590251001', '106590251001'],
    ['enterprise-code', '251001', '251001'],
    ['ipv4-block', '198.51.100.8/29', '198.51.100.8/29'],
    ['circuit', 'cz-mstp-000123', 'CZ-MSTP-000123'],
    ['seat', 'SEAT-XZ-0001', 'SEAT-XZ-0001'],
    ['robot', 'ROBOT-XZ-0001', 'ROBOT-XZ-0001'],
    ['cloud-host', 'HOST-XZ-0001', 'HOST-XZ-0001'],
  ] as const)('%s %s is valid, written %s', (kind, raw, canonical) => {
    expect(checkResourceValue(kind, raw)).toEqual({ ok: true, value: canonical });
  });

  test.each([
    ['number-400', '4001234', 'number-400', 'number "4001234": a 400 number is 10 digits starting with 400'],
    [
      'special-number',
      '110',
      'special-service-number',
      'number "110": a special service number is 95 or 96 followed by 3 to 6 digits (e.g. 96110)',
    ],
    [
      'display-number',
      '0516-13001234',
      'display-number',
      'number "0516-13001234": a fixed-line display number is',
    ],
    [
      'display-number',
      '05-1683001234',
      'display-number',
      'number "05-1683001234": a fixed-line display number is',
    ],
    [
      'sms-access-number',
      '10012345',
      'sms-access-number',
      'SMS access number "10012345": an SMS access number is 106 followed by 4 to 17 digits',
    ],
    [
      'enterprise-code',
      '12345',
      'enterprise-code',
      'enterprise code "12345": an SMS enterprise code is 6 digits',
    ],
    [
      'ipv4-block',
      '198.51.100.9/29',
      'ipv4-block',
      'IPv4 block "198.51.100.9/29": an IPv4 block is a.b.c.d/n with n from 8 to 32 and no host bits set',
    ],
    ['ipv4-block', '300.1.1.0/24', 'ipv4-block', 'IPv4 block "300.1.1.0/24"'],
    [
      'circuit',
      'CZ-ATM-000123',
      'circuit-id',
      'circuit "CZ-ATM-000123": a line circuit id is AREA-TYPE-NNNNNN',
    ],
  ] as const)('%s %s is refused by rule %s', (kind, raw, rule, message) => {
    const checked = checkResourceValue(kind, raw);
    expect(checked).toMatchObject({ ok: false, rule });
    expect(!checked.ok && checked.message.startsWith(message)).toBe(true);
  });

  test('every kind has a rule, and no rule accepts an empty value', () => {
    for (const kind of RESOURCE_KINDS) expect(checkResourceValue(kind, '').ok).toBe(false);
  });

  test('line bandwidths are the ones the price tables sell', () => {
    expect(checkBandwidth(1000).ok).toBe(true);
    expect(checkBandwidth(37)).toMatchObject({ ok: false, rule: 'line-bandwidth' });
  });
});

describe('quarantineUntil: 001 3.2.10 "only after 90 days" (Asia/Shanghai natural days, art. 201)', () => {
  test.each([
    // Released 04:00 on 11 March in Shanghai (still 10 March in UTC): the 90 days are 12 March – 9 June,
    // free from 10 June 00:00 Shanghai.
    ['2025-03-10T20:00:00.000Z', 90, '2025-06-09T16:00:00.000Z'],
    // 23:59 on 10 March in Shanghai: the days run 11 March – 8 June, free from 9 June.
    ['2025-03-10T15:59:00.000Z', 90, '2025-06-08T16:00:00.000Z'],
    // Across a leap day and a year end.
    ['2024-02-28T01:00:00.000Z', 1, '2024-02-29T16:00:00.000Z'],
    ['2024-12-31T17:00:00.000Z', 90, '2025-04-01T16:00:00.000Z'],
    // Zero days: free from the start of the release day.
    ['2025-03-10T20:00:00.000Z', 0, '2025-03-10T16:00:00.000Z'],
  ])('released %s with %i days rests until %s', (releasedAt, days, until) => {
    expect(quarantineUntil(new Date(releasedAt), days)).toBe(until);
  });

  test('negative or fractional days are a bug, not a policy', () => {
    expect(() => quarantineUntil(new Date(), -1)).toThrow(RangeError);
    expect(() => quarantineUntil(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('IPv4 sub-blocks', () => {
  test('blocks print as they parse', () => {
    expect(formatIpv4Block(parseIpv4Block('203.0.113.64/26')!)).toBe('203.0.113.64/26');
    expect(parseIpv4Block('255.255.255.255/32')).toEqual({ start: 2 ** 32 - 1, prefixLength: 32 });
  });

  test('any sequence of cuts stays inside the pool, aligned, and never overlaps', () => {
    const pools = [parseIpv4Block('198.51.100.0/24')!, parseIpv4Block('203.0.113.0/25')!];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 24, max: 32 }), { maxLength: 60 }), (sizes) => {
        const cut: Ipv4Block[] = [];
        for (const prefixLength of sizes) {
          const block = firstFreeSubBlock(pools, cut, prefixLength);
          if (!block) continue;
          expect(block.start % 2 ** (32 - prefixLength)).toBe(0);
          expect(pools.some((p) => block.start >= p.start && blockEnd(block) <= blockEnd(p))).toBe(true);
          expect(cut.some((c) => blocksOverlap(c, block))).toBe(false);
          cut.push(block);
        }
      }),
    );
  });

  test('a full pool has no room; a size larger than the pool never fits', () => {
    const pool = parseIpv4Block('198.51.100.0/30')!;
    expect(firstFreeSubBlock([pool], [pool], 32)).toBeUndefined();
    expect(firstFreeSubBlock([pool], [], 29)).toBeUndefined();
  });
});

describe('pool file ranges', () => {
  test('the trailing digits count up and keep their width', () => {
    expect(expandRange('0516-83000998', 3)).toEqual(['0516-83000998', '0516-83000999', '0516-83001000']);
    expect(expandRange('SEAT-XZ-0009', 2)).toEqual(['SEAT-XZ-0009', 'SEAT-XZ-0010']);
    expect(() => expandRange('SEAT-XZ-9999', 2)).toThrow('overflows');
  });
});

/**
 * Issue #15: phone and ID numbers written the way people type them — in groups, with spaces or dashes —
 * are personal data too: masked in logs and refused in event text.
 */
import { containsPersonalData, maskPersonalText, CENSOR } from '../../platform/personal-data';
import { text } from '../../domain/events/fields';

describe('personal-data rule: mobile, resident ID and bank numbers in any grouping', () => {
  test.each([
    ['a mobile in 3-4-4 groups', 'call Mr Li on 150 0908 3897'],
    ['a mobile with dashes and +86', 'tel +86 150-0908-3897'],
    ['a mobile in one run', 'call 13812345678 today'],
    ['a resident ID in 6-8-4 groups', 'ID 110101 19900307 1234'],
    ['a resident ID ending in X', 'agent ID 11010519491231002X'],
    ['a bank card in groups of four', 'card 6222 0212 3456 7890 123'],
  ])('given %s in free text, then it is detected, masked in logs and refused in events', (_, sample) => {
    expect(containsPersonalData(sample)).toBe(true);
    expect(maskPersonalText(sample)).toContain(CENSOR);
    expect(maskPersonalText(sample)).not.toMatch(/\d{4}/);
    expect(text().safeParse(sample).error?.issues[0]?.message).toBe(
      'must not contain personal data (mobile, ID or bank numbers)',
    );
  });

  test.each([
    ['a service number', 'customer service on 96110'],
    ['a 400 number', 'hotline 400-800-1234'],
    ['two dates', 'period 2024-03-01 2024-04-01'],
    ['an invoice and a rate', '3 days late on 4.5.1#2 at 5 bp/day'],
  ])('given %s, then it is not taken for personal data', (_, sample) => {
    expect(containsPersonalData(sample)).toBe(false);
    expect(maskPersonalText(sample)).toBe(sample);
  });
});

/**
 * The book's numbers without a server: what a contract writes to its memo (its open obligations
 * grouped by party and due date) and how the worker counts the listed contracts into the gauges'
 * values — overdue by the Asia/Shanghai date, label values only from the known sets.
 */
import type { IsoDate } from '../../domain/calendar';
import type { Obligation } from '../../domain/lifecycle/status';
import { seedContract } from '../../domain/seed-contracts';
import { countBook, contractKey, owedOf, productLabel, stageLabel } from '../../workers/book-count';
import { owedGroups, type OwedGroup } from '../../workflows/book-memo';
import { Contract } from '../domain/decider/support';

const day = (d: string) => d as IsoDate;
let serial = 0;
const owedBy = (party: Obligation['party'], dueDate?: string): Obligation => ({
  id: `x:${serial++}`,
  kind: 'document',
  party,
  subject: {},
  overdue: false,
  summary: 's',
  dueDate,
});

describe('the memo: open obligations grouped by party and due date', () => {
  test('given contract 001 provisioning, then its 30 lines are one engineer group and the filing is the customer’s', () => {
    const c = Contract.signed(seedContract('JSCZE2208138CGN00'));
    c.approve();
    const groups = owedGroups(c.obligations());
    const engineer = groups.filter((g) => g.party === 'engineer');
    expect(engineer.reduce((n, g) => n + g.count, 0)).toBe(
      c.obligations().filter((o) => o.party === 'engineer').length,
    );
    expect(engineer.some((g) => g.count >= 30)).toBe(true);
    expect(groups.some((g) => g.party === 'customer')).toBe(true);
    // Nothing but party, date and count: no ids, subjects or summaries reach the memo.
    for (const g of groups) expect(Object.keys(g).sort()).toEqual(['count', 'due', 'party']);
  });

  test('when the same obligations come in another order, then the groups are the same (written only on change)', () => {
    const list = [
      owedBy('customer', '2026-12-03'),
      owedBy('engineer'),
      owedBy('reviewer', '2026-12-05'),
      owedBy('engineer', '2026-12-01'),
      owedBy('customer', '2026-12-01'),
      owedBy('customer', '2026-12-03'),
    ];
    const groups = owedGroups(list);
    expect(groups).toEqual([
      { party: 'reviewer', due: '2026-12-05', count: 1 },
      { party: 'engineer', due: '2026-12-01', count: 1 },
      { party: 'engineer', due: null, count: 1 },
      { party: 'customer', due: '2026-12-01', count: 1 },
      { party: 'customer', due: '2026-12-03', count: 2 },
    ]);
    expect(JSON.stringify(owedGroups([...list].reverse()))).toBe(JSON.stringify(groups));
    expect(owedGroups([])).toEqual([]);
  });
});

describe('counting the book', () => {
  const owed = (...groups: OwedGroup[]) => groups;

  test('given contracts in two stages and products, then each (stage, product) is counted and stuck ones too', () => {
    const book = countBook(
      [
        { stage: 'qualification', product: 'dedicated-line', stuck: false, owed: [] },
        { stage: 'qualification', product: 'dedicated-line', stuck: true, owed: [] },
        { stage: 'provisioning', product: 'cloud-call-centre,number-400', stuck: false, owed: [] },
      ],
      day('2026-12-02'),
    );
    expect(Object.fromEntries(book.contracts)).toEqual({
      [contractKey('qualification', 'dedicated-line')]: 2,
      [contractKey('provisioning', 'cloud-call-centre,number-400')]: 1,
    });
    expect(book.stuck).toBe(1);
    expect(book.unreported).toBe(0);
  });

  test('when today is after a due date, then those obligations are overdue; on the due date itself they are not', () => {
    const listed = [
      {
        stage: 'qualification',
        product: 'dedicated-line',
        stuck: false,
        owed: owed(
          { party: 'customer', due: day('2026-12-02'), count: 3 },
          { party: 'reviewer', due: day('2026-12-04'), count: 1 },
          { party: 'engineer', due: null, count: 2 },
        ),
      },
    ];
    const onDue = countBook(listed, day('2026-12-02'));
    expect(onDue.open).toMatchObject({ customer: 3, reviewer: 1, engineer: 2, billing: 0 });
    expect(Object.values(onDue.overdue).every((n) => n === 0)).toBe(true);
    const dayAfter = countBook(listed, day('2026-12-03'));
    expect(dayAfter.overdue).toMatchObject({ customer: 3, reviewer: 0, engineer: 0 });
    // Undated obligations are never overdue.
    expect(countBook(listed, day('2099-01-01')).overdue).toMatchObject({
      customer: 3,
      reviewer: 1,
      engineer: 0,
    });
  });

  test('given a contract without the memo (started before it, idle since), then it counts as a contract but unreported', () => {
    const book = countBook([{ stage: 'active', product: 'industry-sms', stuck: false }], day('2026-12-02'));
    expect(book.contracts.get(contractKey('active', 'industry-sms'))).toBe(1);
    expect(book.unreported).toBe(1);
    expect(Object.values(book.open).every((n) => n === 0)).toBe(true);
  });

  test('when values are outside the known sets, then they become unknown/other and malformed groups are ignored', () => {
    expect(stageLabel('limbo')).toBe('unknown');
    expect(stageLabel(undefined)).toBe('unknown');
    expect(productLabel('dedicated-line,HASGS2300729')).toBe('other');
    expect(productLabel(undefined)).toBe('unknown');
    expect(productLabel('industry-sms')).toBe('industry-sms');
    expect(
      owedOf([
        { party: 'customer', due: '2026-12-01', count: 1 },
        { party: '张三', due: '2026-12-01', count: 1 },
        { party: 'engineer', due: 'tomorrow', count: 1 },
        { party: 'engineer', due: null, count: -1 },
        null,
      ]),
    ).toEqual([{ party: 'customer', due: '2026-12-01', count: 1 }]);
    expect(owedOf({ customer: 1 })).toBeUndefined();
  });
});

/**
 * The validator's event check (#15 item 1): the events a dry-run decision would publish are checked
 * against the catalogue, and a failing one is named by its field and rule — never by the value.
 * Today the action schemas share the event field definitions, so no action input reaches this check
 * with a bad event; it is the guard for the day a rule and its event drift apart.
 */
import type { DomainEvent } from '../../../domain/decider/events';
import { invalidEventFields } from '../../../workflows/shell/event-check';

const TIME = '2024-04-01T02:00:00.000Z';
const event = (data: Record<string, unknown>) =>
  ({ type: 'telecom.contract.qualification-rejected.v2', data }) as unknown as DomainEvent;

test('given a decision whose event fails its schema, then the check names the event, the field and the rule, not the value', () => {
  const found = invalidEventFields(
    'XJJCF2400252EGN00',
    [event({ rejectedDate: '2024-02-30', reasonCode: 'other', clauseRef: 'c'.repeat(41) })],
    TIME,
  );
  expect(found?.type).toBe('telecom.contract.qualification-rejected.v2');
  expect(found?.fields.some((f) => f.startsWith('rejectedDate: '))).toBe(true);
  expect(found?.fields.some((f) => f.startsWith('clauseRef: '))).toBe(true);
  expect(JSON.stringify(found)).not.toMatch(/ccccc/);
});

test('given valid events, or only internal ones, then the check passes', () => {
  expect(
    invalidEventFields(
      'XJJCF2400252EGN00',
      [event({ rejectedDate: '2024-04-01', reasonCode: 'other' })],
      TIME,
    ),
  ).toBeUndefined();
  expect(
    invalidEventFields(
      'XJJCF2400252EGN00',
      [{ type: 'review-opened', data: {} } as unknown as DomainEvent],
      TIME,
    ),
  ).toBeUndefined();
});

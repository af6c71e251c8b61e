/** The HTTP body of an action: the actor is the key's, a sent name is replaced, a broken one refused. */
import { httpActionSchema, stampActor } from '../../../clients/sdk/action-body';
import { ACTION_NAMES, ACTOR_FIELDS, parseAction } from '../../../domain/lifecycle/actions';

test('every action: a body without its actor is valid over HTTP, and the stamped one is valid to the workflow', () => {
  const body = { documentType: 'business-licence', documentRef: 'DMS-1' };
  expect(httpActionSchema('submit-document').safeParse(body).success).toBe(true);
  expect(parseAction('submit-document', stampActor('submit-document', body, 'eng-1'))).toEqual({
    ...body,
    submittedBy: 'eng-1',
  });
  for (const action of ACTION_NAMES) {
    expect(String(httpActionSchema(action).description ?? '')).not.toMatch(/undefined/);
  }
});

test('a name sent is replaced by the key id; service requests (a union) too', () => {
  expect(stampActor('approve', { approvedBy: 'somebody-else' }, 'eng-1')).toEqual({ approvedBy: 'eng-1' });
  expect(stampActor('service-request', { type: 'resume', requestedBy: 'x' }, 'eng-1')).toEqual({
    type: 'resume',
    requestedBy: 'eng-1',
  });
  expect(httpActionSchema('service-request').safeParse({ type: 'resume' }).success).toBe(true);
  expect(httpActionSchema('service-request').safeParse({ type: 'nope' }).success).toBe(false);
});

test('an actor breaking its documented rule is not repaired: the body goes on as sent, to be refused', () => {
  for (const bad of ['×\u009b', 42, null, '']) {
    const body = { obligationId: 'line:0', [ACTOR_FIELDS.claim]: bad };
    expect(stampActor('claim', body, 'eng-1')).toBe(body);
    expect(() => parseAction('claim', body)).toThrow(/claimedBy: /);
  }
  // Not an object: left for the action's validation.
  expect(stampActor('approve', [1], 'eng-1')).toEqual([1]);
  expect(stampActor('approve', 'text', 'eng-1')).toBe('text');
});

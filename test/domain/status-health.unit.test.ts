/** Every status carries `health`; a status from a worker deployed before the field existed reads as ok. */
import { initialState } from '../../domain/decider/state';
import { statusOf } from '../../domain/decider/status';
import { ContractStatusSchema } from '../../domain/lifecycle/status';
import { seedContract } from '../../domain/seed-contracts';

const seed = seedContract('XJJCF2400252EGN00');
const status = statusOf(seed, initialState(), seed.signedDate, `contract-${seed.contractNo}`);

test('the decider reports a healthy contract as ok (only the shell marks one stuck)', () => {
  expect(status.health).toBe('ok');
  expect(status.stuck).toBeUndefined();
});

test('a status without health (an older worker during a rolling deploy) parses as ok, not as an error', () => {
  const { health: _omitted, ...older } = status;
  expect(ContractStatusSchema.parse(older).health).toBe('ok');
  expect(ContractStatusSchema.safeParse({ ...status, health: 'sick' }).success).toBe(false);
});

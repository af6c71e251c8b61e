/** `tco list --stuck` asks the API for the contracts operators must look at (health=stuck). */
import { runCli } from '../../../clients/cli/program';
import type { ContractsApi, ListQuery, ListResponse } from '../../../clients/sdk/api-contract';

test('list --stuck filters on health=stuck; without it no health filter is sent', async () => {
  const queries: ListQuery[] = [];
  const api = {
    list: async (query: ListQuery): Promise<ListResponse> => {
      queries.push(query);
      return { contracts: [] };
    },
  } as unknown as ContractsApi;
  const io = { connect: () => api, out: () => undefined, err: () => undefined };
  expect(await runCli(['list', '--stuck'], io)).toBe(0);
  expect(await runCli(['list'], io)).toBe(0);
  expect(queries.map((q) => q.health)).toEqual(['stuck', undefined]);
});

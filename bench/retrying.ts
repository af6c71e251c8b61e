/** The ContractsApi as a careful client uses it (the workers and scale sections). */
import { randomUUID } from 'node:crypto';
import type { ContractsApi } from '../clients/sdk/api-contract';

/**
 * The API as a careful client uses it: a 503 ("did not answer in time; retry the request") is retried
 * after a pause, an action under one request id throughout so Temporal applies it once. Right after
 * a kill, an Update to a contract cached on the dead worker waits for its sticky queue to time out.
 */
export function retrying(api: ContractsApi, counter: { retried503: number }): ContractsApi {
  return new Proxy(api, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (key === 'act' && !args[3]) args[3] = { requestId: randomUUID() };
        for (let attempt = 1; ; attempt++) {
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } catch (err) {
            if ((err as { status?: number }).status !== 503 || attempt >= 6) throw err;
            counter.retried503 += 1;
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        }
      };
    },
  });
}

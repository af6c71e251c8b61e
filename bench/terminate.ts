/** Leave the shared server as we found it: terminate every workflow a section started. */
import type { Client } from '@temporalio/client';

export async function terminateAll(client: Client, workflowIds: string[], lanes = 32): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < workflowIds.length) {
      const id = workflowIds[next++]!;
      await client.workflow
        .getHandle(id)
        .terminate('benchmark finished')
        .catch(() => undefined); // already closed or never started
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

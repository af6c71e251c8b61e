import { WorkflowUpdateFailedError } from '@temporalio/client';

/** The Update validator's message for an action that must be refused (fails if it was accepted). */
export async function refusal(action: Promise<unknown>): Promise<string> {
  const err = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause?.message ?? '';
}

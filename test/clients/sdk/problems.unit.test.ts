/** What the API answers for errors Temporal gives it (clients/sdk/problems.ts toApiError). */
import { toApiError } from '../../../clients/sdk/problems';

/** The shape @grpc/grpc-js gives a failed call (what the Temporal client rethrows or wraps). */
const grpcError = (code: number, message: string) =>
  Object.assign(new Error(`${code} ${message}`), { code, details: message, metadata: {} });

test('an Update refused because the workflow task is failing is a 503 to retry, not a 500', () => {
  // As an update-with-start under load answered: the operation's status, wrapped by the client.
  const failed = new Error(
    'Unable to perform workflow execution update due to Workflow Task in failed state.',
    {
      cause: grpcError(9, 'Update-with-Start could not be executed.'),
    },
  );
  const problem = toApiError(failed, 'XJJCF2400252EGN00').problem;
  expect(problem.status).toBe(503);
  expect(problem.type).toBe('/problems/unavailable');
  expect(problem.detail).toMatch(/retry the request/);
});

test('an unknown error stays a bare 500 that tells nothing of the cause', () => {
  const problem = toApiError(grpcError(9, 'something else entirely')).problem;
  expect(problem.status).toBe(500);
  expect(problem.detail).toBe('the request failed unexpectedly; it has been logged');
});

/**
 * The typed client sales systems and tools import: the API contract's zod schemas and types, and two
 * implementations of ContractsApi — over HTTP (HttpContractsClient) and directly over the Temporal
 * client (TemporalContractsClient, update-with-start onboarding). Failures are ContractsApiError.
 */
export * from './api-contract';
export { HttpContractsClient, type HttpContractsOptions } from './http';
export { TemporalContractsClient, type TemporalContractsOptions } from './temporal';
export { canonicalJson, specHash } from './spec-hash';
export { parseContractSpec } from '../../domain/contract-spec';
export { ActionSchemas, ACTION_NAMES, ACTION_STAGES, parseAction } from '../../domain/lifecycle/actions';
export {
  generateSigningKey,
  intakeSigner,
  signedIntakeMessage,
  INTAKE_PUBLISHER_ROLES,
  SIGNATURE_HEADERS,
  type IntakeSigner,
} from './intake';

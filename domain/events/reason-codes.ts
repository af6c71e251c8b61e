/**
 * Why a person decided something, as a code the event log may carry. The words the person wrote stay
 * in the workflow history (the action's input, encrypted when payload encryption is on) and never reach
 * Kafka: a reason is free text, and free text is where phone numbers and names leak ("call Mr Li on
 * 150 0908 3897"). The action input may name the code; without one it is `other`.
 *
 * The codes come from the clauses the actions enforce: the document checklist of the qualification
 * review (资质审核, 002 9.6, 003 4.1), the acceptance test of the completion notice (000 3.4).
 */
import { z } from 'zod';

/** request-documents → documents-requested: why the reviewer wants further or new documents. */
export const DocumentsRequestedReasonSchema = z
  .enum(['missing', 'expired', 'illegible', 'inconsistent', 'additional-check', 'other'])
  .describe(
    'missing = not handed in; expired = no longer valid; illegible = cannot be read; inconsistent = does ' +
      'not match the contract or another document; additional-check = a further document the review needs',
  );

/** reject → qualification-rejected: why the customer does not qualify. */
export const QualificationRejectedReasonSchema = z
  .enum(['documents-missing', 'documents-invalid', 'customer-ineligible', 'licence-missing', 'other'])
  .describe(
    'documents-missing = the checklist was not completed; documents-invalid = forged, expired or ' +
      'inconsistent; customer-ineligible = the customer may not hold the service; licence-missing = a ' +
      'required telecom licence (e.g. SP licence) is missing',
  );

/** object → acceptance-objected: what the customer found wrong at acceptance. */
export const AcceptanceObjectedReasonSchema = z
  .enum([
    'service-not-working',
    'below-agreed-quality',
    'incomplete-delivery',
    'wrong-configuration',
    'other',
  ])
  .describe(
    'service-not-working = the service fails the acceptance test; below-agreed-quality = it works below ' +
      'the agreed bandwidth or quality; incomplete-delivery = lines, numbers or ports are missing; ' +
      'wrong-configuration = delivered, but not as ordered',
  );

export type DocumentsRequestedReason = z.infer<typeof DocumentsRequestedReasonSchema>;
export type QualificationRejectedReason = z.infer<typeof QualificationRejectedReasonSchema>;
export type AcceptanceObjectedReason = z.infer<typeof AcceptanceObjectedReasonSchema>;

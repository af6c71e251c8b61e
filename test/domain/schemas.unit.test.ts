import { readFileSync } from 'node:fs';
import {
  CONTRACT_SPEC_SCHEMA_PATH,
  CONTRACT_STATUS_SCHEMA_PATH,
  renderContractSpecSchema,
  renderContractStatusSchema,
} from '../../scripts/gen-schemas';

describe('docs/schemas/contract-spec.schema.json', () => {
  const onDisk = readFileSync(CONTRACT_SPEC_SCHEMA_PATH, 'utf8');

  test('matches the zod schema (if this fails, run: npx tsx scripts/gen-schemas.ts)', () => {
    expect(onDisk).toBe(renderContractSpecSchema());
  });

  test('rendering is deterministic', () => {
    expect(renderContractSpecSchema()).toBe(renderContractSpecSchema());
  });

  test('it refuses unknown fields and marks contacts as personal data', () => {
    const schema = JSON.parse(onDisk) as {
      additionalProperties: boolean;
      properties: {
        contacts: { personalData?: boolean; items: { properties: { phone: { personalData?: boolean } } } };
      };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.contacts.personalData).toBe(true);
    expect(schema.properties.contacts.items.properties.phone.personalData).toBe(true);
  });
});

describe('docs/schemas/contract-status.schema.json', () => {
  test('matches the zod schema, obligations included (if this fails, run: npm run gen:schemas)', () => {
    const onDisk = readFileSync(CONTRACT_STATUS_SCHEMA_PATH, 'utf8');
    expect(onDisk).toBe(renderContractStatusSchema());
    const schema = JSON.parse(onDisk) as {
      properties: { obligations: { items: { properties: Record<string, unknown>; required: string[] } } };
    };
    const obligation = schema.properties.obligations.items;
    expect(obligation.required).toEqual(
      expect.arrayContaining(['id', 'kind', 'party', 'subject', 'overdue', 'summary']),
    );
    expect(Object.keys(obligation.properties)).toEqual(
      expect.arrayContaining(['action', 'dueDate', 'clause', 'escalation']),
    );
  });
});

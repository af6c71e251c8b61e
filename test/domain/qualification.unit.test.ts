import {
  qualificationProfile,
  requiredDocuments,
  requiredDocumentsFor,
  type QualificationProfile,
} from '../../domain/qualification';
import { seedContract } from '../../domain/seed-contracts';

const codes = (profile: QualificationProfile) => requiredDocuments(profile).map((d) => d.code);

const base: QualificationProfile = {
  products: [],
  businessNature: 'non-operating',
  signatory: 'legal-representative',
  servesThirdParties: false,
  customerOwnedSpecialNumber: false,
  customerOwned400Number: false,
  smsModes: [],
  usesMiitSmsNumber: false,
};

describe('qualification rules (资质审核)', () => {
  test('000: the bureau brings its own 96110, so the 95/96 approval is required on top of 3.1(1)', () => {
    const docs = requiredDocumentsFor(seedContract('XJJCF2400252EGN00'));
    expect(docs.map((d) => d.code)).toEqual([
      'business-licence',
      'legal-representative-id',
      'agent-id',
      'authorisation-letter',
      'special-number-approval',
      'security-commitment',
    ]);
    expect(docs.find((d) => d.code === 'special-number-approval')?.refs).toEqual(['000 3.1(3)']);
  });

  test('cloud call centre: outsourcing needs a VAS licence, a customer-owned 400 caller number its ownership proof', () => {
    const ccc = { ...base, products: ['cloud-call-centre' as const] };
    expect(codes(ccc)).not.toContain('vas-licence');
    expect(codes({ ...ccc, servesThirdParties: true })).toContain('vas-licence');
    expect(codes({ ...ccc, customerOwned400Number: true })).toContain('number-400-ownership-proof');
  });

  test('002 type 1 (non-operating) vs type 2 (operating) customers', () => {
    const ccp = { ...base, products: ['cloud-call-plus' as const] };
    expect(codes(ccp)).toEqual([
      'business-licence',
      'legal-representative-id',
      'bank-account-licence',
      'general-taxpayer-proof',
      'security-commitment',
    ]);
    expect(codes({ ...ccp, businessNature: 'operating' })).toEqual([
      'business-licence',
      'legal-representative-id',
      'bank-account-licence',
      'call-centre-licence',
      'number-certificate',
      'number-filing',
      'security-commitment',
    ]);
  });

  test('002 as seeded: type 1 signed by an agent adds the agent ID and authorisation letter', () => {
    const spec = seedContract('SNSGS2500554EGN00');
    expect(qualificationProfile(spec).businessNature).toBe('non-operating');
    expect(requiredDocumentsFor(spec).map((d) => d.code)).toEqual(
      expect.arrayContaining(['general-taxpayer-proof', 'agent-id', 'authorisation-letter']),
    );
  });

  test('004 direct mode vs agent mode', () => {
    const sms = { ...base, products: ['industry-sms' as const] };
    const direct = codes({ ...sms, smsModes: ['direct'] });
    expect(direct).toEqual(['business-licence', 'sms-access-application', 'security-commitment']);
    const agent = codes({ ...sms, smsModes: ['agent'], usesMiitSmsNumber: true });
    expect(agent).toEqual(
      expect.arrayContaining([
        'cross-region-vas-licence',
        'sp-qualification',
        'mandate-proof',
        'miit-sms-number-certificate',
      ]),
    );
    expect(requiredDocumentsFor(seedContract('HASGS2300729CGN00')).map((d) => d.code)).toEqual(direct);
  });

  test('003: real-name documents and the service request form for a 400 number', () => {
    const docs = requiredDocumentsFor(seedContract('SEED003-400-UNNUMBERED')).map((d) => d.code);
    expect(docs).toEqual([
      'real-name-documents',
      'business-licence',
      'service-request-form',
      'security-commitment',
    ]);
  });

  test('a document asked for by two products appears once, citing both clauses', () => {
    const docs = requiredDocuments({
      ...base,
      products: ['dedicated-line', 'industry-sms'],
      smsModes: ['direct'],
    });
    expect(docs.filter((d) => d.code === 'business-licence')).toEqual([
      {
        code: 'business-licence',
        name: 'Business licence or other proof of legal standing',
        nameZh: '营业执照（副本）/主体资格证明',
        refs: ['001 annex 1 §2', '004 2.2.2(1)'],
      },
    ]);
  });
});

/**
 * Hostile HTTP requests for the API fuzz suites, per family, labelled with what the API must do:
 * `refused` (a 4xx before anything reaches Temporal), or `either` (the API decides; whatever it
 * decides, never a 5xx, and Temporal is reached only when the input is valid).
 */
import fc from 'fast-check';
import type { Role } from '../../../clients/sdk/api-contract';
import { ACTION_NAMES, ACTOR_FIELDS } from '../../../domain/lifecycle/actions';
import {
  badDate,
  badMoney,
  extraKey,
  hostileString,
  loadSeeds,
  withKey,
  withoutKey,
  wrongType,
} from './hostile';

export interface HostileRequest {
  label: string;
  method: string;
  path: string;
  /** Already serialised; undefined for no body. */
  body?: string;
  contentType?: string;
  key: Role | 'none' | 'bad' | 'revoked';
  expect: 'refused' | 'either';
}

const seeds = loadSeeds();
/** Percent-encoding; a lone surrogate becomes U+FFFD first (encodeURIComponent would throw). */
const enc = (s: string) => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));
const LINE = (seeds.find((s) => (s.lineItems as unknown[]).length)!.lineItems as object[])[0]!;
/** Path segments stay under Node's header size limit (a longer URL is the HTTP server's 431). */
const shortHostile = hostileString.filter((s) => s.length < 2_000);
const json = (v: unknown) => JSON.stringify(v);

/** Valid inputs of a few actions; the rest of the fuzz mutates them. */
export const VALID_ACTIONS: Record<string, Record<string, unknown>> = {
  approve: { approvedBy: 'eng-li' },
  reject: { rejectedBy: 'eng-li', reason: 'business licence expired' },
  'issue-completion-notice': { issuedBy: 'eng-li' },
  'sign-off': { signedBy: 'customer' },
  'confirm-installation': { lineIndex: 0, circuitId: 'CZ-0001', testedBy: 'eng-wang' },
  'non-renewal-notice': { party: 'customer', noticeDate: '2025-09-01', givenBy: 'sales-zhao' },
};

function onboarding(): fc.Arbitrary<HostileRequest> {
  const post = (label: string, body: string, expect: HostileRequest['expect'] = 'refused', extra = {}) => ({
    label,
    method: 'POST',
    path: '/v1/contracts',
    body,
    contentType: 'application/json',
    key: 'sales' as const,
    expect,
    ...extra,
  });
  return fc.constantFrom(...seeds).chain((seed) => {
    const lineItems = seed.lineItems as Array<Record<string, unknown>>;
    const required = [
      'specVersion',
      'contractNo',
      'title',
      'signedDate',
      'region',
      'parties',
      'products',
      'usage',
      'clauses',
    ];
    return fc.oneof(
      fc.constant(post('a valid contract', json(seed), 'either')),
      fc.constantFrom(...required).map((k) => post(`without ${k}`, json(withoutKey(seed, k)))),
      fc
        .tuple(fc.constantFrom(...required), wrongType)
        .filter(([k, v]) => !(k === 'specVersion' && v === 1))
        .map(([k, v]) => post(`${k} of the wrong type`, json({ ...seed, [k]: v }))),
      fc
        .tuple(
          extraKey.filter((k) => !(k in seed) && k !== '__proto__' && k !== 'constructor'),
          fc.jsonValue(),
        )
        .map(([k, v]) => post(`extra field ${k}`, json(withKey(seed, k, v)))),
      fc
        .constantFrom('__proto__', 'constructor')
        .map((k) => post(`poisoned ${k}`, `{"${k}":{"isAdmin":true},${json(seed).slice(1)}`)),
      badDate.map((d) => post(`signedDate ${String(d)}`, json({ ...seed, signedDate: d }))),
      // A seed without line items gets a bad-money line (a filter on it would never pass).
      fc.tuple(badMoney, fc.nat({ max: Math.max(0, lineItems.length - 1) })).map(([m, i]) =>
        post(
          `line price ${String(m)}`,
          json({
            ...seed,
            lineItems: lineItems.length
              ? lineItems.map((l, j) => (j === i ? { ...l, unitPriceFen: m } : l))
              : [{ ...LINE, unitPriceFen: m }],
          }),
        ),
      ),
      hostileString
        .filter((s) => !/^[A-Z0-9-]{4,40}$/.test(s))
        .map((s) => post('contractNo odd text', json({ ...seed, contractNo: s }))),
      hostileString.map((s) => post('title odd text', json({ ...seed, title: s }), 'either')),
      fc.jsonValue().map((v) => post('JSON that is no contract', json(v))),
      hostileString.map((s) => post('not JSON', `${s}{`)),
      fc.constant(post('empty body', '')),
      fc
        .constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
        )
        .map((ct) => post(`content type ${ct}`, json(seed), 'refused', { contentType: ct })),
      fc
        .integer({ min: 300_000, max: 1_200_000 })
        .map((n) => post('body over the size limit', json({ ...seed, title: 'x'.repeat(n) }))),
    );
  });
}

/** A case on the action's actor field is whatever the workflow makes of it; any other is refused. */
const actorOr = (action: string, field: string): HostileRequest['expect'] =>
  (ACTOR_FIELDS as Record<string, string>)[action] === field ? 'either' : 'refused';

function actions(): fc.Arbitrary<HostileRequest> {
  const names = Object.keys(VALID_ACTIONS);
  const act = (
    label: string,
    action: string,
    body: string,
    expect: HostileRequest['expect'] = 'refused',
    contractNo = seeds[0]!.contractNo,
  ) => ({
    label,
    method: 'POST',
    path: `/v1/contracts/${enc(contractNo)}/actions/${enc(action)}`,
    body,
    contentType: 'application/json',
    key: 'engineer' as const,
    expect,
  });
  return fc.constantFrom(...names).chain((name) => {
    const valid = VALID_ACTIONS[name]!;
    const fields = Object.keys(valid);
    return fc.oneof(
      fc.constant(act(`${name}, valid (refused or done by the workflow)`, name, json(valid), 'either')),
      // The actor field is the API's to fill (from the key): a body without it, or with any value, is valid.
      fc
        .constantFrom(...fields)
        .map((k) => act(`${name} without ${k}`, name, json(withoutKey(valid, k)), actorOr(name, k))),
      fc
        .tuple(fc.constantFrom(...fields), wrongType)
        // The same JSON type as the valid value (a number for a number) is no wrong type.
        .filter(([k, v]) => typeof v !== typeof valid[k] || (typeof v === 'object' && v !== null))
        .map(([k, v]) => act(`${name} ${k} wrong type`, name, json({ ...valid, [k]: v }), actorOr(name, k))),
      fc
        .tuple(
          extraKey.filter((k) => !fields.includes(k) && k !== '__proto__' && k !== 'note'),
          fc.jsonValue(),
        )
        .map(([k, v]) => act(`${name} extra ${k}`, name, json(withKey(valid, k, v)))),
      fc
        .tuple(fc.constantFrom(...fields), hostileString)
        .map(([k, s]) => act(`${name} ${k} odd text`, name, json({ ...valid, [k]: s }), 'either')),
      fc
        .tuple(fc.constantFrom(...fields), badDate)
        .map(([k, d]) => act(`${name} ${k} = ${String(d)}`, name, json({ ...valid, [k]: d }), 'either')),
      fc.jsonValue().map((v) => act(`${name} random JSON`, name, json(v), 'either')),
      shortHostile
        .filter((s) => !(ACTION_NAMES as string[]).includes(s))
        .map((s) => act('unknown action', s || 'x', json(valid))),
      fc
        .oneof(shortHostile, fc.constantFrom('../../v1/inbox', 'a b', '%00', 'X'.repeat(65)))
        .map((no) => act('odd contract number', name, json(valid), 'either', no || '-'.repeat(65))),
    );
  });
}

function reads(): fc.Arbitrary<HostileRequest> {
  const get = (
    label: string,
    path: string,
    key: HostileRequest['key'],
    expect: HostileRequest['expect'],
  ) => ({ label, method: 'GET', path, key, expect });
  const param = fc.oneof(shortHostile, fc.constantFrom('..', '%2e%2e', 'X'.repeat(65), 'a/b', '<x>'));
  const queryValue = fc.oneof(
    shortHostile,
    fc.integer().map(String),
    fc.constantFrom('-1', '0', '501', '1e3', 'NaN', '[]'),
  );
  const queryKey = fc.constantFrom(
    'stage',
    'product',
    'customer',
    'limit',
    'pageToken',
    '__proto__',
    'constructor',
    'where',
    'limit[]',
  );
  return fc.oneof(
    param.map((p) => get('contract number odd', `/v1/contracts/${enc(p)}`, 'engineer', 'either')),
    param.map((p) =>
      get('events, contract number odd', `/v1/contracts/${enc(p)}/events`, 'billing', 'either'),
    ),
    fc
      .array(fc.tuple(queryKey, queryValue), { minLength: 1, maxLength: 4 })
      .map((pairs) =>
        get('list query odd', `/v1/contracts?${new URLSearchParams(pairs).toString()}`, 'engineer', 'either'),
      ),
    fc
      .array(
        fc.tuple(
          fc.constantFrom('party', 'region', 'product', 'stage', 'assignee', 'dueBefore', 'limit', 'where'),
          queryValue,
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((pairs) =>
        get(
          'obligations query odd',
          `/v1/obligations?${new URLSearchParams(pairs).toString()}`,
          'engineer',
          'either',
        ),
      ),
    fc
      .constantFrom(
        '/v1/contracts/%E0%A4%A',
        '/v1/contracts?limit=%ZZ',
        '/v1//contracts',
        '/v1/contracts/%00',
      )
      .map((p) => get('malformed URL', p, 'admin', 'either')),
  );
}

function auth(): fc.Arbitrary<HostileRequest> {
  const routes: Array<[string, string, string[]]> = [
    ['POST', '/v1/contracts', ['sales', 'admin']],
    ['GET', '/v1/contracts', ['sales', 'engineer', 'billing', 'admin']],
    ['GET', `/v1/contracts/${seeds[0]!.contractNo}`, ['sales', 'engineer', 'billing', 'admin']],
    ['POST', `/v1/contracts/${seeds[0]!.contractNo}/actions/approve`, ['engineer', 'admin']],
    ['GET', '/v1/inbox', ['engineer', 'admin']],
    ['GET', '/v1/obligations', ['sales', 'engineer', 'admin']],
    ['GET', '/v1/me', ['sales', 'engineer', 'billing', 'admin']],
  ];
  const keys = ['none', 'bad', 'revoked', 'sales', 'engineer', 'billing'] as const;
  return fc
    .tuple(fc.constantFrom(...routes), fc.constantFrom(...keys))
    .map(([[method, path, roles], key]) => ({
      label: `${method} ${path} with key ${key}`,
      method,
      path,
      body: method === 'POST' ? json({ approvedBy: 'x' }) : undefined,
      contentType: method === 'POST' ? 'application/json' : undefined,
      key,
      expect: roles.includes(key) ? ('either' as const) : ('refused' as const),
    }));
}

export const API_FAMILIES: Record<string, () => fc.Arbitrary<HostileRequest>> = {
  onboarding,
  actions,
  reads,
  auth,
};

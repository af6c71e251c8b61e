/**
 * What a well-formed inventory resource looks like, kind by kind. Pure and deterministic (no Node
 * built-ins): the inventory store validates with it, and workflow code may check a customer's
 * requested number before asking for it. Every rule has a name and a sentence, so a rejection reads
 * `number "4001234": a 400 number is 10 digits starting with 400`.
 */

export const RESOURCE_KINDS = [
  'special-number',
  'number-400',
  'display-number',
  'sms-access-number',
  'enterprise-code',
  'ipv4-block',
  'circuit',
  'seat',
  'robot',
  'cloud-host',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Plural nouns for messages about a pool ("pool x (400 numbers) is exhausted"). */
export const KIND_NAMES: Record<ResourceKind, string> = {
  'special-number': '95/96 special service numbers',
  'number-400': '400 numbers',
  'display-number': 'fixed-line display numbers',
  'sms-access-number': 'SMS access numbers',
  'enterprise-code': 'SMS enterprise codes',
  'ipv4-block': 'IPv4 addresses',
  circuit: 'line circuits',
  seat: 'agent seats',
  robot: 'voice robots',
  'cloud-host': 'cloud hosts',
};

export type FormatCheck = { ok: true; value: string } | { ok: false; rule: string; message: string };

interface FormatRule {
  /** Stable rule name, carried in error details. */
  name: string;
  /** What the value is called in a message: `number "…"`, `circuit "…"`. */
  label: string;
  /** The rule as one sentence. */
  sentence: string;
  /** The canonical spelling of a valid value, undefined when the value breaks the rule. */
  normalise(raw: string): string | undefined;
}

const digitsOnly = (raw: string) => raw.replace(/[\s-]/g, '');
const matching = (pattern: RegExp, clean: (raw: string) => string) => (raw: string) => {
  const value = clean(raw);
  return pattern.test(value) ? value : undefined;
};
const upper = (raw: string) => raw.trim().toUpperCase();

/** Area codes: 010 and 02X are three digits, every other one (03XX–09XX) four. */
function normaliseDisplayNumber(raw: string): string | undefined {
  const digits = digitsOnly(raw);
  const match = /^(0(?:10|2\d)|0[3-9]\d\d)([2-9]\d{6,7})$/.exec(digits);
  if (!match) return undefined;
  const [, areaCode, subscriber] = match;
  const written = raw.trim().split('-');
  // Someone who writes the hyphen must put it after the area code, not somewhere else.
  if (written.length === 2 && written[0] !== areaCode) return undefined;
  return `${areaCode}-${subscriber}`;
}

const RULES: Record<ResourceKind, FormatRule> = {
  'special-number': {
    name: 'special-service-number',
    label: 'number',
    sentence: 'a special service number is 95 or 96 followed by 3 to 6 digits (e.g. 96110)',
    normalise: matching(/^9[56]\d{3,6}$/, digitsOnly),
  },
  'number-400': {
    name: 'number-400',
    label: 'number',
    sentence: 'a 400 number is 10 digits starting with 400',
    normalise: matching(/^400\d{7}$/, digitsOnly),
  },
  'display-number': {
    name: 'display-number',
    label: 'number',
    sentence:
      'a fixed-line display number is an area code (010, 02X or 0XXX) then a 7- or 8-digit subscriber number not starting with 0 or 1 (e.g. 0516-83001234)',
    normalise: normaliseDisplayNumber,
  },
  'sms-access-number': {
    name: 'sms-access-number',
    label: 'SMS access number',
    sentence: 'an SMS access number is 106 followed by 4 to 17 digits',
    normalise: matching(/^106\d{4,17}$/, digitsOnly),
  },
  'enterprise-code': {
    name: 'enterprise-code',
    label: 'enterprise code',
    sentence: 'an SMS enterprise code is 6 digits',
    normalise: matching(/^\d{6}$/, (raw) => raw.trim()),
  },
  'ipv4-block': {
    name: 'ipv4-block',
    label: 'IPv4 block',
    sentence: 'an IPv4 block is a.b.c.d/n with n from 8 to 32 and no host bits set',
    normalise: (raw) => {
      const block = parseIpv4Block(raw.trim());
      return block ? formatIpv4Block(block) : undefined;
    },
  },
  circuit: {
    name: 'circuit-id',
    label: 'circuit',
    sentence:
      'a line circuit id is AREA-TYPE-NNNNNN with TYPE one of MSTP, OTN, IPRAN, SDH, PON, INET (e.g. CZ-MSTP-000123)',
    normalise: matching(/^[A-Z]{2,4}-(MSTP|OTN|IPRAN|SDH|PON|INET)-\d{6}$/, upper),
  },
  seat: {
    name: 'agent-seat-id',
    label: 'agent seat',
    sentence: 'an agent seat id is SEAT-AREA-NNNN (e.g. SEAT-XZ-0001)',
    normalise: matching(/^SEAT-[A-Z]{2,4}-\d{4}$/, upper),
  },
  robot: {
    name: 'voice-robot-id',
    label: 'voice robot',
    sentence: 'a voice robot id is ROBOT-AREA-NNNN (e.g. ROBOT-XZ-0001)',
    normalise: matching(/^ROBOT-[A-Z]{2,4}-\d{4}$/, upper),
  },
  'cloud-host': {
    name: 'cloud-host-id',
    label: 'cloud host',
    sentence: 'a cloud host id is HOST-AREA-NNNN (e.g. HOST-XZ-0001)',
    normalise: matching(/^HOST-[A-Z]{2,4}-\d{4}$/, upper),
  },
};

export function isResourceKind(kind: string): kind is ResourceKind {
  return (RESOURCE_KINDS as readonly string[]).includes(kind);
}

/** Check one value of a kind; a valid value comes back in its canonical spelling. */
export function checkResourceValue(kind: ResourceKind, raw: string): FormatCheck {
  const rule = RULES[kind];
  const value = rule.normalise(raw);
  if (value !== undefined) return { ok: true, value };
  return { ok: false, rule: rule.name, message: `${rule.label} "${raw}": ${rule.sentence}` };
}

/** Bandwidths the price tables sell for dedicated lines (contract 001: 10M, 100M, 200M, 1000M). */
export const LINE_BANDWIDTHS_MBPS = [2, 10, 20, 50, 100, 200, 500, 1000, 10000] as const;

export function checkBandwidth(mbps: number): FormatCheck {
  if ((LINE_BANDWIDTHS_MBPS as readonly number[]).includes(mbps)) return { ok: true, value: String(mbps) };
  return {
    ok: false,
    rule: 'line-bandwidth',
    message: `bandwidth "${mbps}": a line bandwidth is one of ${LINE_BANDWIDTHS_MBPS.join(', ')} Mbit/s`,
  };
}

/** Customers get between a /16 and a single address; anything larger is a planning decision, not an order. */
export function checkPrefixLength(prefixLength: number): FormatCheck {
  if (Number.isInteger(prefixLength) && prefixLength >= 16 && prefixLength <= 32) {
    return { ok: true, value: `/${prefixLength}` };
  }
  return {
    ok: false,
    rule: 'ipv4-prefix-length',
    message: `prefix length "${prefixLength}": an IPv4 allocation is a /16 to /32 block`,
  };
}

// ---------------------------------------------------------------------------------------------
// IPv4 arithmetic on plain numbers (0 … 2^32-1); no bitwise operators, which are signed 32-bit in JS.

export interface Ipv4Block {
  /** First address as an unsigned 32-bit number. */
  start: number;
  prefixLength: number;
}

export const blockSize = (prefixLength: number) => 2 ** (32 - prefixLength);
export const blockEnd = (block: Ipv4Block) => block.start + blockSize(block.prefixLength) - 1;

export function parseIpv4Block(text: string): Ipv4Block | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength < 8 || prefixLength > 32) return undefined;
  const start = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (start % blockSize(prefixLength) !== 0) return undefined;
  return { start, prefixLength };
}

export function formatIpv4Block(block: Ipv4Block): string {
  const octets = [3, 2, 1, 0].map((shift) => Math.floor(block.start / 256 ** shift) % 256);
  return `${octets.join('.')}/${block.prefixLength}`;
}

export function blocksOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.start <= blockEnd(b) && b.start <= blockEnd(a);
}

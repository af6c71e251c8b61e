/**
 * Generates the event documentation from the schemas in domain/events/ (the schemas are the truth,
 * the docs are derived): docs/events/<type>.schema.json, docs/asyncapi.yaml and docs/events.md.
 * Run: npx tsx scripts/gen-event-docs.ts. A unit test regenerates in memory and fails when stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { eventSchemaUri } from '../domain/events/catalogue';
import { CloudEventSchema } from '../domain/events/envelope';
import { registeredEvents, type RegisteredEvent as DocEntry } from '../domain/events/registry';
import { TOPICS, type TopicKey } from '../platform/topics';

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

const DLQ_HEADERS = {
  dlq_reason:
    '`<code>: <detail>`; codes: empty-message, invalid-json, invalid-envelope, unknown-type, wrong-topic, invalid-data, subject-mismatch, invalid-contract, workflow-not-found, rejected-by-temporal',
  dlq_source_topic: 'The intake topic the message came from',
  dlq_partition: 'Its partition there',
  dlq_offset: 'Its offset there',
};

function jsonSchema(schema: z.ZodType, target: 'draft-2020-12' | 'draft-07'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target }) as Record<string, unknown>;
  return rest;
}

function eventSchemaFile(entry: DocEntry): GeneratedFile {
  const doc = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: eventSchemaUri(entry.type),
    title: entry.type,
    description: `${entry.meaning} Schema of the CloudEvent data.`,
    ...jsonSchema(entry.schema, 'draft-2020-12'),
  };
  return { path: `docs/events/${entry.type}.schema.json`, content: `${JSON.stringify(doc, null, 2)}\n` };
}

// ---- AsyncAPI 3.0 --------------------------------------------------------------------------------

const ref = (path: string) => ({ $ref: path });

function asyncApiMessage(entry: DocEntry) {
  return {
    name: entry.type,
    title: entry.type,
    summary: entry.meaning,
    contentType: 'application/cloudevents+json',
    headers: ref('#/components/schemas/KafkaHeaders'),
    bindings: { kafka: { key: { type: 'string', description: 'Contract number' }, bindingVersion: '0.5.0' } },
    payload: {
      allOf: [
        ref('#/components/schemas/CloudEvent'),
        {
          type: 'object',
          properties: { type: { const: entry.type }, data: ref(`#/components/schemas/${entry.type}`) },
        },
      ],
    },
  };
}

function asyncApiChannel(key: TopicKey, all: DocEntry[]) {
  const topic = TOPICS[key];
  const messages =
    key === 'deadLetter' ? ['dead-letter'] : all.filter((e) => e.topics.includes(key)).map((e) => e.type);
  return {
    address: topic.name,
    description: topic.description,
    messages: Object.fromEntries(messages.map((m) => [m, ref(`#/components/messages/${m}`)])),
    bindings: {
      kafka: {
        topic: topic.name,
        partitions: topic.partitions,
        topicConfiguration: { 'cleanup.policy': [topic.cleanupPolicy], 'retention.ms': topic.retentionMs },
        bindingVersion: '0.5.0',
      },
    },
  };
}

function asyncApiOperation(key: TopicKey, channel: ReturnType<typeof asyncApiChannel>, all: DocEntry[]) {
  const receives = all.some((e) => e.direction === 'consume' && e.topics.includes(key));
  return {
    action: receives ? 'receive' : 'send',
    channel: ref(`#/channels/${key}`),
    summary: receives
      ? `Intake consumer reads ${TOPICS[key].name}`
      : `The orchestrator publishes to ${TOPICS[key].name}`,
    messages: Object.keys(channel.messages).map((m) => ref(`#/channels/${key}/messages/${m}`)),
  };
}

function deadLetterMessage() {
  const headers = Object.fromEntries(
    Object.entries(DLQ_HEADERS).map(([k, d]) => [k, { type: 'string', description: d }]),
  );
  return {
    name: 'dead-letter',
    title: 'Dead-lettered intake message',
    summary: 'An intake message that could not be processed: original key and value, the reason in headers.',
    headers: { type: 'object', required: Object.keys(DLQ_HEADERS), properties: headers },
    payload: { description: 'The original message value, unchanged (may not be JSON)' },
  };
}

export function renderAsyncApi(all: DocEntry[] = registeredEvents()): string {
  const keys = Object.keys(TOPICS) as TopicKey[];
  const channels = Object.fromEntries(keys.map((k) => [k, asyncApiChannel(k, all)]));
  const doc = {
    asyncapi: '3.0.0',
    info: {
      title: 'Telecom contract orchestrator events',
      version: '1.0.0',
      description: 'Generated from domain/events/ by scripts/gen-event-docs.ts; see docs/events.md.',
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'Local KRaft broker (infra/up.sh)' },
    },
    channels,
    operations: Object.fromEntries(keys.map((k) => [`${k}`, asyncApiOperation(k, channels[k]!, all)])),
    components: {
      schemas: {
        CloudEvent: jsonSchema(CloudEventSchema, 'draft-07'),
        KafkaHeaders: {
          type: 'object',
          properties: {
            ce_id: { type: 'string' },
            ce_type: { type: 'string' },
            'content-type': { const: 'application/cloudevents+json' },
          },
        },
        ...Object.fromEntries(all.map((e) => [e.type, jsonSchema(e.schema, 'draft-07')])),
      },
      messages: {
        ...Object.fromEntries(all.map((e) => [e.type, asyncApiMessage(e)])),
        'dead-letter': deadLetterMessage(),
      },
    },
  };
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false, singleQuote: true });
}

// ---- events.md -----------------------------------------------------------------------------------

// East Asian wide characters take two columns, as prettier counts them when it aligns tables.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const width = (s: string) => [...s].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(w - width(s));

/** A markdown table laid out exactly as prettier would, so `npm run format` leaves it alone. */
function table(header: string[], rows: string[][]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => c.replace(/\|/g, '\\|')));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => `| ${r.map((c, i) => pad(c, widths[i]!)).join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head!), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const code = (s: string) => `\`${s}\``;
const topicNames = (topics: readonly TopicKey[]) => topics.map((t) => code(TOPICS[t].name)).join(', ');
const typeLink = (type: string) => `[${code(type)}](events/${type}.schema.json)`;
const DAY_MS = 86_400_000;

function eventTable(list: DocEntry[], withKeys: boolean): string {
  const header = withKeys ? ['type', 'topics', 'meaning', 'key fields'] : ['type', 'topic', 'meaning'];
  const rows = list.map((e) => {
    const row = [typeLink(e.type), topicNames(e.topics), e.meaning];
    return withKeys ? [...row, e.keyFields.map(code).join(', ')] : row;
  });
  return table(header, rows);
}

const ENVELOPE_ROWS = [
  ['`id`', 'generated in the workflow, stable across retries: **the de-duplication key**'],
  ['`source`', '`urn:telecom-contract-orchestrator`'],
  ['`type`', '`telecom.contract.<name>.v<N>`; a breaking change is a new version, never an edit'],
  ['`subject`', 'the contract number (= Kafka key = `data.contractNo`)'],
  ['`time`', 'when it happened, RFC 3339, from workflow time'],
  [
    '`dataschema`',
    '`urn:telecom-contract-orchestrator:docs/events/<type>.schema.json`, the file in this repository',
  ],
  ['`data`', "the event's fields"],
];

export function renderEventsMarkdown(all: DocEntry[] = registeredEvents()): string {
  const topics = (Object.keys(TOPICS) as TopicKey[]).map((k) => {
    const t = TOPICS[k];
    return [code(t.name), String(t.partitions), `${t.retentionMs / DAY_MS} days`, t.description];
  });
  const dlq = Object.entries(DLQ_HEADERS).map(([k, d]) => [code(k), d]);
  return `# Contract events

<!-- Generated by scripts/gen-event-docs.ts from domain/events/. Do not edit; run
     \`npx tsx scripts/gen-event-docs.ts\` after changing a schema. -->

What the orchestrator tells billing and other downstream systems, and what it accepts from them.
Machine-readable: [asyncapi.yaml](asyncapi.yaml) (AsyncAPI 3.0) and one JSON Schema per type in
[events/](events/). The reference consumer in \`clients/billing-consumer/\` is a starting point.

## Envelope: CloudEvents 1.0, structured mode

The Kafka value is the whole CloudEvent as JSON (\`content-type: application/cloudevents+json\`);
the Kafka key is the contract number.

${table(['attribute', 'value'], ENVELOPE_ROWS)}

Why structured rather than binary mode (attributes in Kafka headers): the event stays
self-describing wherever it is copied — dead-letter topic, audit exports, replays, a billing team's
staging table — where headers are easily lost; a consumer validates one JSON document against one
schema; and it reads the same over Kafka, HTTP or a file. Kafka headers \`ce_id\` and \`ce_type\` are
added for routing and tracing without parsing, but the value is authoritative.

Delivery is at least once: a publish retried after a broker outage may land twice. Consumers drop
duplicates by \`id\`. Events of one contract share a key, hence a partition, hence their order.

Conventions: money is integer **fen** (\`amountFen\`, 1/100 CNY, tax-inclusive); business dates are
\`YYYY-MM-DD\` in Asia/Shanghai; field names follow TM Forum where one exists (TMF622
\`productOrderItem\`, TMF651 \`agreementPeriod\`, TMF678 customer bill \`invoiceId\`, TMF670 \`paymentId\`).
No personal data: no phone numbers of people, contact names, ID or bank numbers. Schemas are strict
(unknown fields are refused) and free text is screened; service numbers such as 96110 or a 400 number
are resources and allowed. Text never holds control characters, bidirectional formatting characters
or lone surrogates, amounts are at most 10^12 fen, and dates given by people or other systems fall
within 2000-01-01..2099-12-31.

Reasons are codes. What a person writes (why documents are requested, why a customer is rejected,
why the customer objects at acceptance) stays in the contract's workflow history and never reaches
Kafka: free text is where phone numbers and names leak. \`documents-requested\`,
\`qualification-rejected\` and \`acceptance-objected\` therefore moved to **v2**, which carries
\`reasonCode\` (a closed enum; \`other\` when the person named none) instead of \`reason\`. This is a
new version rather than an edit because the v1 schemas are strict: dropping the required \`reason\`
and adding \`reasonCode\` would make every new event invalid for a consumer validating against v1.
The v1 types stay documented for events already on the topics; nothing publishes them any more.
Consumers subscribe to both until their retention has passed.

## Topics

${table(['topic', 'partitions', 'retention', 'carries'], topics)}

## Contract events (published)

Every contract event goes to \`${TOPICS.lifecycle.name}\`; the ones billing acts on (they change what
the customer owes or when charges run) also go to \`${TOPICS.billing.name}\`. Every \`data\` carries
\`contractNo\`; any may carry \`calendarDataMissing: true\` when a date in it was computed without the
official working-day calendar for that year (treat it as provisional).

${eventTable(
  all.filter((e) => e.type.startsWith('telecom.contract.')),
  true,
)}

## Intake facts (consumed)

Other systems publish these; the intake consumer starts or signals the contract workflow.

${eventTable(
  all.filter((e) => e.direction === 'consume'),
  false,
)}

## System events

${eventTable(
  all.filter((e) => e.type.startsWith('telecom.system.')),
  false,
)}

## Dead letters

An intake message that cannot be processed goes to \`${TOPICS.deadLetter.name}\` with its original key
and value and these headers; the consumer moves on. Transient Temporal errors are retried, not
dead-lettered.

${table(['header', 'meaning'], dlq)}
`;
}

// ---- files ---------------------------------------------------------------------------------------

export function renderEventDocs(): GeneratedFile[] {
  const all = registeredEvents();
  return [
    ...all.map(eventSchemaFile),
    { path: 'docs/asyncapi.yaml', content: renderAsyncApi(all) },
    { path: 'docs/events.md', content: renderEventsMarkdown(all) },
  ];
}

/** Write the files and remove schema files of types that no longer exist. */
export function writeEventDocs(root: string): GeneratedFile[] {
  const files = renderEventDocs();
  const wanted = new Set(files.map((f) => f.path));
  const eventsDir = join(root, 'docs/events');
  mkdirSync(eventsDir, { recursive: true });
  for (const name of readdirSync(eventsDir)) {
    if (!wanted.has(`docs/events/${name}`)) rmSync(join(eventsDir, name));
  }
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
  return files;
}

if (require.main === module) {
  const files = writeEventDocs(join(__dirname, '..'));
  console.log(`wrote ${files.length} files: docs/events/*.schema.json, docs/asyncapi.yaml, docs/events.md`);
}

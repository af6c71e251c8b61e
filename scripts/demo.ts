/** The demo driver: proves the wiring, then prints where to look. */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../platform/config';
import { connectClient } from '../platform/temporal';
import { TOPICS } from '../platform/topics';
import { wiringCheck } from '../workflows/wiringCheck';

async function main(): Promise<void> {
  const config = loadConfig();
  const client = await connectClient(config.temporal);
  const checkId = `wiring-check-${randomUUID().slice(0, 8)}`;
  const result = await client.workflow.execute(wiringCheck, {
    taskQueue: config.temporal.taskQueue,
    workflowId: checkId,
    args: [{ checkId }],
  });
  const uiPort = process.env.TEMPORAL_UI_PORT ?? '8233';
  console.log(`
Wiring check ${checkId} passed: event ${result.eventId} published to Kafka.

Where to look:
  Temporal Web UI   http://127.0.0.1:${uiPort}/namespaces/${config.temporal.namespace}/workflows
  Kafka broker      ${config.kafka.brokers.join(',')}  topics: ${Object.values(TOPICS)
    .map((t) => t.name)
    .join(', ')}
`);
  await client.connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

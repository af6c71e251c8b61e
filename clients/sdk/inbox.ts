/** The engineers' inbox: contracts waiting on a person, nearest deadline first. */
import type { ContractStatus } from '../../domain/lifecycle/status';
import type { ContractSummary, InboxResponse } from './api-contract';

type Item = InboxResponse['items'][number];

const CONCURRENT_QUERIES = 8;

/** Ask each contract for its status (what it waits for, which deadline); fall back to the summary. */
export async function inboxItems(
  summaries: ContractSummary[],
  statusOf: (contractNo: string) => Promise<ContractStatus>,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < summaries.length; i += CONCURRENT_QUERIES) {
    const batch = summaries.slice(i, i + CONCURRENT_QUERIES);
    const answers = await Promise.allSettled(batch.map((s) => statusOf(s.contractNo)));
    batch.forEach((summary, j) => {
      const answer = answers[j]!;
      items.push(answer.status === 'fulfilled' ? fromStatus(answer.value) : fromSummary(summary));
    });
  }
  return items.sort(byNearestDeadline);
}

function fromStatus(status: ContractStatus): Item {
  const next = status.deadlines[0];
  return {
    contractNo: status.contractNo,
    customerName: status.customerName,
    stage: status.stage,
    waitingFor: status.waitingFor,
    obligations: status.obligations,
    ...(next ? { nextDeadline: { name: next.name, date: next.date } } : {}),
  };
}

function fromSummary(summary: ContractSummary): Item {
  return {
    contractNo: summary.contractNo,
    customerName: summary.customerName ?? '',
    stage: summary.stage ?? 'qualification',
    waitingFor: 'status unavailable (the contract did not answer its status query)',
    obligations: [],
    // The search attribute holds 00:00 Asia/Shanghai of the deadline's day as an instant.
    ...(summary.nextDeadline
      ? { nextDeadline: { name: 'next deadline', date: shanghaiDate(summary.nextDeadline) } }
      : {}),
  };
}

const shanghaiDate = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** Dated items first, earliest first; undated last, by contract number for a stable order. */
function byNearestDeadline(a: Item, b: Item): number {
  const da = a.nextDeadline?.date;
  const db = b.nextDeadline?.date;
  if (da && db && da !== db) return da < db ? -1 : 1;
  if (da && !db) return -1;
  if (!da && db) return 1;
  return a.contractNo.localeCompare(b.contractNo);
}

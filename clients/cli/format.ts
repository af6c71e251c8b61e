/** How the CLI shows contracts to people (scripts use --json instead). */
import type {
  ContractStatus,
  ListResponse,
  ObligationsResponse,
  OnboardResponse,
} from '../sdk/api-contract';
import { formatMoney } from '../../domain/money';
import { renderTable, terminalWidth } from './table';

/** Tables under a heading are indented by two: they fit two columns less. */
const indentedWidth = () => terminalWidth() - 2;

export function renderList(list: ListResponse): string {
  if (list.contracts.length === 0) return 'No contracts match.';
  const rows = list.contracts.map((c) => [
    c.contractNo,
    c.customerName ?? '',
    c.products.join(','),
    c.stage ?? '',
    c.nextDeadline ? c.nextDeadline.slice(0, 10) : '',
    c.executionStatus.toLowerCase(),
  ]);
  const more = list.nextPageToken ? `\n(more: --page-token ${list.nextPageToken})` : '';
  return renderTable(['CONTRACT', 'CUSTOMER', 'PRODUCTS', 'STAGE', 'NEXT DEADLINE', 'RUN'], rows, 40) + more;
}

/** The obligations inbox: one row per obligation, earliest due first, with the id `tco claim` takes. */
export function renderObligations(r: ObligationsResponse): string {
  if (r.items.length === 0) return 'No open obligation matches.';
  const rows = r.items.map((i) => [
    i.obligation.dueDate ? `${i.obligation.dueDate}${i.obligation.overdue ? ' !' : ''}` : '',
    i.contractNo,
    i.obligation.id,
    i.obligation.summary,
    i.obligation.assignee?.by ?? '',
    i.stage,
    i.region,
    i.products.join(','),
    i.customerName,
  ]);
  // The due date, contract and obligation id stay whole (they are what `tco claim` takes); on a narrow
  // terminal region, product, then stage give way first.
  const table = renderTable(
    ['DUE', 'CONTRACT', 'ID', 'OWES', 'ASSIGNEE', 'STAGE', 'REGION', 'PRODUCT', 'CUSTOMER'],
    rows,
    60,
    terminalWidth(),
    { fixed: [0, 1, 2], dropOrder: [6, 7, 5] },
  );
  const notes = [
    r.items.some((i) => i.obligation.overdue) ? '! overdue' : '',
    r.truncated ? `showing the first ${r.items.length}: narrow the filters or raise --limit` : '',
  ].filter(Boolean);
  return notes.length ? `${table}\n${notes.join('; ')}` : table;
}

export function renderOnboarded(r: OnboardResponse): string {
  const verb = r.created ? 'Onboarded' : 'Already onboarded (same terms)';
  return `${verb}: ${r.contractNo} (workflow ${r.workflowId})\n${renderStatus(r.status)}`;
}

export function renderStatus(s: ContractStatus): string {
  const lines = [
    `${s.contractNo}  ${s.customerName}`,
    `  stage        ${s.stage}${s.outcome ? ` (${s.outcome})` : ''}`,
    `  waiting for  ${s.waitingFor}`,
  ];
  if (s.nextCheckpoint) lines.push(`  next step    ${s.nextCheckpoint} (the contract acts by itself)`);
  if (s.term.start) lines.push(`  term ${s.term.number}       ${s.term.start} → ${s.term.end ?? '?'}`);
  if (s.term.activationDate) lines.push(`  activated    ${s.term.activationDate}`);
  const b = s.balances;
  if (Object.values(b).some((v) => v !== 0)) {
    lines.push(
      `  balances     arrears ${formatMoney(b.arrearsFen)}  late fees ${formatMoney(b.lateFeesFen)}  ` +
        `penalties ${formatMoney(b.penaltiesFen)}  credits ${formatMoney(b.creditsFen)}  paid ${formatMoney(b.paidFen)}`,
    );
  }
  if (s.flags.length) lines.push(`  flags        ${s.flags.join(', ')}`);
  if (s.obligations.length) {
    lines.push('', 'Obligations');
    lines.push(
      indent(
        renderTable(
          ['DUE', 'PARTY', 'OWES', 'ACTION', 'CLAIMED BY', 'CLAUSE'],
          s.obligations.map((o) => [
            o.dueDate ? `${o.dueDate}${o.overdue ? ' (overdue)' : ''}` : '',
            o.party,
            o.summary,
            o.action ?? o.fact ?? '',
            o.assignee?.by ?? '',
            o.clause ?? '',
          ]),
          60,
          indentedWidth(),
        ),
      ),
    );
  }
  if (s.stage === 'qualification' && s.checklist.length) {
    lines.push('', 'Checklist');
    lines.push(
      indent(
        renderTable(
          ['DOCUMENT', 'HANDED IN', 'WHY'],
          s.checklist.map((c) => [c.documentType, c.documentRef ?? '—', c.rule]),
          60,
          indentedWidth(),
        ),
      ),
    );
  }
  if (s.resources.length) {
    lines.push('', `Resources (${s.resources.length})`);
    lines.push(
      indent(renderTable(['KIND', 'COUNT', 'VALUES'], resourceRows(s.resources), 60, indentedWidth())),
    );
  }
  const recent = s.events.slice(-8);
  if (recent.length) {
    lines.push('', `Events (last ${recent.length} of ${s.events.length})`);
    lines.push(
      indent(
        renderTable(
          ['DATE', 'TYPE'],
          recent.map((e) => [e.date, shortType(e.type)]),
          60,
          indentedWidth(),
        ),
      ),
    );
  }
  return lines.join('\n');
}

/** One row per kind: 30 circuits read as a range, not 30 lines. */
function resourceRows(resources: ContractStatus['resources']): string[][] {
  const byKind = new Map<string, string[]>();
  for (const r of resources) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.value]);
  return [...byKind].map(([kind, values]) => [
    kind,
    String(values.length),
    values.length <= 3 ? values.join(', ') : `${values[0]} … ${values.at(-1)}`,
  ]);
}

/** `telecom.contract.billing-started.v1` → `billing-started`. */
export function shortType(type: string): string {
  return type.replace(/^telecom\.contract\./, '').replace(/\.v\d+$/, '');
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

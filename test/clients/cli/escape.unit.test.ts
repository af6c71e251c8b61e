/**
 * Issue #15: what `tco` prints from contract data cannot drive the terminal. Control characters, ESC
 * sequences, bidi formatting characters and lone surrogates are shown as visible \uXXXX escapes, in
 * tables and in plain output; JSON output stays valid JSON with the same strings.
 */
import { escapeForTerminal } from '../../../clients/cli/escape';
import { runCli } from '../../../clients/cli/program';
import { renderTable } from '../../../clients/cli/table';
import type { ContractsApi, ListResponse } from '../../../clients/sdk/api-contract';

/** Raw control and bidi characters a terminal would act on (a line feed between rows is fine). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const HOSTILE = 'Acme\u001b[2J\u0000 \u202eLtd\u009b \ud800\r\nnext';

describe('tco prints data escaped', () => {
  test('given a name with ESC, NUL, an RLO override, C1, a lone surrogate and CR LF, then each is shown as \\uXXXX', () => {
    expect(escapeForTerminal(HOSTILE, true)).toBe(
      'Acme\\u001b[2J\\u0000 \\u202eLtd\\u009b \\ud800\\u000d\\u000anext',
    );
    // Outside tables a line feed is kept (multi-line output), the carriage return is not.
    expect(escapeForTerminal('a\r\nb')).toBe('a\\u000d\nb');
    expect(escapeForTerminal('中国电信 📡 ok')).toBe('中国电信 📡 ok');
  });

  test('given a table cell with a line feed and ESC, then the row stays one line and shows the escapes', () => {
    const table = renderTable(['CUSTOMER'], [[HOSTILE]], 200);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).not.toMatch(RAW);
  });

  async function listed(json: boolean): Promise<string> {
    const list: ListResponse = {
      contracts: [
        {
          contractNo: 'XJJCF2400252EGN00',
          customerName: HOSTILE,
          products: ['special-number'],
          stage: 'active',
          executionStatus: 'RUNNING',
        } as ListResponse['contracts'][number],
      ],
    };
    const out: string[] = [];
    const api = { list: async () => list } as unknown as ContractsApi;
    const code = await runCli(json ? ['--json', 'list'] : ['list'], {
      connect: () => api,
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    });
    expect(code).toBe(0);
    return out.join('\n');
  }

  test('when `tco list` prints a hostile customer name, then no raw control or bidi character reaches the terminal', async () => {
    const printed = await listed(false);
    expect(printed).toContain('Acme\\u001b[2J');
    expect(printed).not.toMatch(RAW);
  });

  test('when `tco --json list` prints it, then the output is valid JSON holding the original name', async () => {
    const printed = await listed(true);
    expect(printed).not.toMatch(RAW);
    const parsed = JSON.parse(printed) as ListResponse;
    expect(parsed.contracts[0]!.customerName).toBe(HOSTILE);
  });
});

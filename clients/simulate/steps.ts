/**
 * How a simulated person acts on a scenario day: a dated step on the agenda that runs only while the
 * contract is open, and discharging obligations through the shared player (clients/sdk/player.ts).
 */
import { addDays, type IsoDate } from '../../domain/calendar';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ContractStatus, Obligation } from '../../domain/lifecycle/status';
import { movesFor, type Cast } from '../sdk/player';
import type { Agenda } from './agenda';
import type { ContractPort } from './contract-port';
import type { When } from './scenario';

export const ended = (s: ContractStatus) => s.stage === 'closed' || s.stage === 'terminating';

/** Who the simulated people are, for the decision log. */
const CAST: Cast = {
  reviewer: 'reviewer',
  engineer: 'field-engineer',
  customer: 'customer',
  compliance: 'compliance',
  documentRef: (type) => `SIM-${type}`,
  circuitId: (lineIndex) => `SIM-CIRCUIT-${lineIndex + 1}`,
  icpFilingNo: 'SIM-ICP-0001',
  campaignScriptId: 'SIM-SCRIPT-1',
};

export class Steps {
  constructor(
    readonly spec: ContractSpec,
    readonly agenda: Agenda,
    readonly contract: ContractPort,
  ) {}

  /** A scenario day: a date as given, or a day number counted from the signing day. */
  when(value: When): IsoDate {
    return typeof value === 'number' ? addDays(this.spec.signedDate, value) : value;
  }

  /** Run `step` on `date` unless the contract has already ended. */
  at(date: IsoDate, step: (status: ContractStatus) => Promise<void>): void {
    this.agenda.add(date, async () => {
      const status = await this.contract.status();
      if (!ended(status)) await step(status);
    });
  }

  /** Discharge the open obligations `only` selects, as the cast would; the scenario field names the step. */
  async discharge(field: string, only: (o: Obligation) => boolean, cast: Cast = {}): Promise<void> {
    const status = await this.contract.status();
    for (const move of movesFor(status, { ...CAST, ...cast }, only)) {
      await this.contract.act(field, move.action, move.input);
    }
  }
}

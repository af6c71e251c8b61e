/** When a simulation's clock starts; light (no SDK), so the CLI can launch the server before loading it. */
import { startOfLocalDay, type IsoDate } from '../../domain/calendar';

/** The contract reaches the orchestrator at 09:00 on its signing day. */
const START_HOUR = 9;

export function simulationStart(signedDate: IsoDate): number {
  return startOfLocalDay(signedDate) + START_HOUR * 3_600_000;
}

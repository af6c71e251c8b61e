/** Raw seed contract JSON, deep-copied so a test can break one field without touching the others. */
import seed000 from '../../contracts/XJJCF2400252EGN00.json';
import seed001 from '../../contracts/JSCZE2208138CGN00.json';
import seed002 from '../../contracts/SNSGS2500554EGN00.json';
import seed003 from '../../contracts/SEED003-400-UNNUMBERED.json';
import seed004 from '../../contracts/HASGS2300729CGN00.json';

const RAW = { '000': seed000, '001': seed001, '002': seed002, '003': seed003, '004': seed004 };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit arbitrary paths of raw JSON
export function rawSeed(which: keyof typeof RAW): any {
  return JSON.parse(JSON.stringify(RAW[which]));
}

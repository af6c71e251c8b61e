/**
 * The five seed contracts (contracts/*.json), imported statically so workflow code can use them without
 * I/O. Each is validated when loaded; an invalid file fails loudly with every problem listed.
 */
import seed000 from '../contracts/XJJCF2400252EGN00.json';
import seed001 from '../contracts/JSCZE2208138CGN00.json';
import seed002 from '../contracts/SNSGS2500554EGN00.json';
import seed003 from '../contracts/SEED003-400-UNNUMBERED.json';
import seed004 from '../contracts/HASGS2300729CGN00.json';
import { assertContractSpec, type ContractSpec } from './contract-spec';

const RAW = {
  XJJCF2400252EGN00: seed000, // 000 96110 cloud call centre
  JSCZE2208138CGN00: seed001, // 001 city-management dedicated lines
  SNSGS2500554EGN00: seed002, // 002 Cloud Call+ voice notification
  'SEED003-400-UNNUMBERED': seed003, // 003 400-number security agreement (number invented)
  HASGS2300729CGN00: seed004, // 004 industry SMS
} as const;

export type SeedContractNo = keyof typeof RAW;
export const SEED_CONTRACT_NUMBERS = Object.keys(RAW) as SeedContractNo[];

/** Parsed afresh on each call (cheap), so no caller can change another's copy. */
export function seedContract(contractNo: SeedContractNo): ContractSpec {
  return assertContractSpec(RAW[contractNo]);
}

export function isSeedContractNo(value: string): value is SeedContractNo {
  return Object.hasOwn(RAW, value);
}

export function seedContracts(): ContractSpec[] {
  return SEED_CONTRACT_NUMBERS.map(seedContract);
}

import type { ContractEventData } from '../events/catalogue';

/** The stages of a contract's life, in the order they normally come. */
export const STAGES = [
  'qualification', // 资质审核
  'provisioning', // 资源开通
  'acceptance', // 竣工验收
  'active', // 在网服务
  'suspended', // 停机
  'terminating', // 拆机/终止中
  'closed', // 结束
] as const;

export type Stage = (typeof STAGES)[number];

/** How a contract ended: the `reason` of the terminated and closed events. */
export type Outcome = ContractEventData<'telecom.contract.terminated.v1'>['reason'];

/**
 * The custom search attributes engineers filter contracts by in the Web UI (and the API lists by).
 * Registered on the dev server by infra/services/temporal.sh and in docker-compose's setup job.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ContractNoKey = defineSearchAttributeKey('ContractNo', SearchAttributeType.KEYWORD);
export const CustomerNameKey = defineSearchAttributeKey('CustomerName', SearchAttributeType.KEYWORD);
export const ProductKey = defineSearchAttributeKey('Product', SearchAttributeType.KEYWORD);
export const StageKey = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
export const RegionKey = defineSearchAttributeKey('Region', SearchAttributeType.KEYWORD);
export const NextDeadlineKey = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
/** `stuck` while a contract cannot go on until a fix is deployed; absent when healthy. */
export const HealthKey = defineSearchAttributeKey('Health', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_KEYS = [
  ContractNoKey,
  CustomerNameKey,
  ProductKey,
  StageKey,
  RegionKey,
  NextDeadlineKey,
  HealthKey,
];

/** Clause calculators: pure functions from a ContractSpec and the facts of the day to dates and fen. */
export * from './acceptance';
export * from './activation';
export * from './payments';
export * from './charges';
export * from './compliance';
export * from './periods';
export * from './dunning';
export * from './early-termination';
export * from './sms';
export * from './term';
export * from './unsubscribe';

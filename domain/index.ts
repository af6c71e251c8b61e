/**
 * The public API of the contract domain: pure, deterministic, safe to import from workflow code.
 * (Event schemas live in domain/events, lifecycle vocabulary in domain/lifecycle.)
 */
export * from './calendar';
export * from './catalogue';
export * from './clauses';
export * from './contract-spec';
export * from './money';
export * from './never';
export * from './qualification';
export * from './seed-contracts';
export { BUNDLED_CALENDAR_SOURCE, BUNDLED_HOLIDAY_DATA } from './calendar-data';

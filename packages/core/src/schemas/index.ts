/**
 * Pure: the zod schemas of the domain objects, and the types inferred from them. Imported by the web app and
 * the client as `@vision/core/schemas`; it loads zod and nothing else (see pure-entries.test.ts).
 */
export * from './error-codes';
export * from './batch';
export * from './comparison';
export * from './model';
export * from './upload';
export * from '../fields/field-list';
export * from './review';

/**
 * Pure: the typed domain error and its codes, as `@vision/core/errors` (the api-contract's error mapping
 * imports it without loading sharp or openai). It loads zod and nothing else.
 */
export { DomainError, isDomainError, notFound } from './domain-error';
export {
  ERROR_KINDS,
  ZErrorCode,
  ZErrorKind,
  ZItemErrorCode,
  type ErrorCode,
  type ErrorKind,
  type ItemErrorCode,
} from '../schemas/error-codes';

import { z } from 'zod';
import { FIELD_TYPES } from './field-types.ts';

/** The zod schemas of fields in the contract: a batch's list, an item's values and errors, a batch's figures. */
export const ZFieldSpec = z.object({
  name: z.string(),
  type: z.enum(FIELD_TYPES),
  values: z.array(z.string()).optional(),
  description: z.string().optional(),
});

export const ZFieldValue = z.union([z.string(), z.array(z.string()), z.number(), z.boolean()]).nullable();
export const ZFieldValues = z.record(z.string(), ZFieldValue);
export const ZFieldErrors = z.record(z.string(), z.string());

export const ZFieldFigure = z.discriminatedUnion('type', [
  z.object({ type: z.literal('counts'), counts: z.record(z.string(), z.number()) }),
  z.object({ type: z.literal('number'), sum: z.number(), mean: z.number().nullable(), answered: z.number() }),
]);
export const ZFieldFigures = z.record(z.string(), ZFieldFigure);

export const ZFieldAccuracy = z.object({
  field: z.string(),
  classes: z.array(z.string()),
  labelled: z.number().int(),
  correct: z.number().int(),
  accuracy: z.number().nullable(),
  perClass: z.array(
    z.object({ class: z.string(), support: z.number().int(), precision: z.number().nullable(), recall: z.number().nullable() }),
  ),
  confusion: z.array(z.object({ truth: z.string(), answer: z.string(), count: z.number().int() })),
});

export * from './field-types.ts';
export * from './read-field-list.ts';

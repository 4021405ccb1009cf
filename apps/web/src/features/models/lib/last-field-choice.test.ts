import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '@vision/core/fields';
import { DEFAULT_FIELD_CHOICE, fieldsOfChoice } from './field-choice';
import { lastFieldChoice, rememberBatchFields, rememberFieldChoice } from './last-field-choice';

const STORED: FieldSpec[] = [
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'bird', 'other'] },
  { name: 'caption', type: 'text', description: 'one sentence' },
];

describe('the fields the next batch asks', () => {
  it('are the ones stored with the batch it comes from, not the tab’s last choice', () => {
    rememberFieldChoice({ ...DEFAULT_FIELD_CHOICE, preset: 'count' });
    rememberBatchFields(STORED);
    expect(fieldsOfChoice(lastFieldChoice())).toEqual({ ok: true, fields: STORED });
  });

  it('are the main entity again after a batch that asked no fields', () => {
    rememberBatchFields(STORED);
    rememberBatchFields(null);
    expect(fieldsOfChoice(lastFieldChoice())).toEqual({ ok: true, fields: null });
  });
});

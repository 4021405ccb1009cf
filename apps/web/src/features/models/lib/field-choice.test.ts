import { describe, expect, it } from 'vitest';
import { choiceOfFields, DEFAULT_FIELD_CHOICE, fieldsOfChoice } from './field-choice';

describe('fieldsOfChoice', () => {
  it('sends no fields for the main entity, so the batch is today’s', () => {
    expect(fieldsOfChoice(DEFAULT_FIELD_CHOICE)).toEqual({ ok: true, fields: null });
  });

  it('classifies into the labels typed, commas and spaces aside', () => {
    expect(fieldsOfChoice({ ...DEFAULT_FIELD_CHOICE, preset: 'classify', labels: ' cat,dog , ,bird' })).toEqual({
      ok: true,
      fields: [{ name: 'kind', type: 'label', values: ['cat', 'dog', 'bird'] }],
    });
  });

  it('refuses own fields with a mistake, naming the field', () => {
    const custom = [{ name: 'kind', type: 'label' as const, values: '', description: '' }];
    const reading = fieldsOfChoice({ ...DEFAULT_FIELD_CHOICE, preset: 'custom', custom });
    expect(reading.ok ? '' : reading.error).toMatch(/Field "kind" is a label field without values/);
  });

  it('gives back a batch’s fields as own fields, which send the same list again', () => {
    const fields = [
      { name: 'kind', type: 'label' as const, values: ['cat', 'dog'] },
      { name: 'people', type: 'number' as const, description: 'how many people' },
    ];
    expect(fieldsOfChoice(choiceOfFields(fields))).toEqual({ ok: true, fields });
  });
});

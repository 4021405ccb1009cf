import { useState } from 'react';
import { fieldsOfChoice, type FieldChoice } from '../lib/field-choice';
import { lastFieldChoice, rememberFieldChoice } from '../lib/last-field-choice';

/**
 * What the next batch asks of every photo: the tab's last choice until the user changes it (each change remembered
 * for the tab), read as the server reads it: `fields` is null for the main entity or when the choice cannot be sent.
 */
export function useFieldChoice() {
  const [choice, setChoice] = useState<FieldChoice>(lastFieldChoice);
  const reading = fieldsOfChoice(choice);
  const choose = (next: FieldChoice) => {
    rememberFieldChoice(next);
    setChoice(next);
  };
  return { choice, reading, fields: reading.ok ? reading.fields : null, choose };
}

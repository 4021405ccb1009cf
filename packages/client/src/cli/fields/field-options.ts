import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FIELD_PRESET_NAMES, isFieldPresetName, presetFields, readFieldList, type FieldSpec } from '@vision/core/fields';
import { UsageError } from '../usage-error';

export interface FieldFlags {
  /** `--fields fields.json`: a JSON array of {name, type, values?, description?}. */
  file?: string | undefined;
  /** `--field kind=label:cat,dog,bird,other`, `--field caption=text`, repeated. */
  shortcuts?: readonly string[] | undefined;
  /** `--preset caption|tags|count|entity|classify:cat,dog`. */
  preset?: string | undefined;
}

/** `name=type` or `name=label:a,b,c`: one field in a flag, the way people type it. */
export function fieldFromShortcut(text: string): unknown {
  const match = /^([^=]+)=([a-z]+)(?::(.*))?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--field takes name=type or name=label:a,b,c (got "${text}").`);
  const [, name = '', type = '', values] = match;
  return { name: name.trim(), type: type.toLowerCase(), ...(values === undefined ? {} : { values: values.split(',') }) };
}

function presetOf(text: string): FieldSpec[] {
  const [name = '', values] = text.split(/:(.*)/s);
  if (!isFieldPresetName(name)) throw new UsageError(`--preset takes ${FIELD_PRESET_NAMES.join(', ')} (got "${text}").`);
  return presetFields(
    name,
    values
      ?.split(',')
      .map((value) => value.trim())
      .filter(Boolean),
  );
}

async function readFieldsFile(file: string, cwd: string): Promise<unknown> {
  const text = await readFile(path.resolve(cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read --fields ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--fields ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/**
 * The fields a run asks, from a file, shortcuts and a preset together (in that order), checked as the server
 * checks them, so a mistake stops the run before any upload. Undefined: today's main entity question.
 */
export async function fieldsFromFlags(flags: FieldFlags, cwd: string): Promise<FieldSpec[] | undefined> {
  const fromFile = flags.file === undefined ? [] : await readFieldsFile(flags.file, cwd);
  if (!Array.isArray(fromFile))
    throw new UsageError(`--fields ${flags.file} must hold a JSON array of {name, type, values?, description?}.`);
  const all = [
    ...fromFile,
    ...(flags.shortcuts ?? []).map(fieldFromShortcut),
    ...(flags.preset === undefined ? [] : presetOf(flags.preset)),
  ];
  if (all.length === 0) return undefined;
  const reading = readFieldList(all);
  if (!reading.ok) throw new UsageError(reading.error);
  return reading.fields;
}

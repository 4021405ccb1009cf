import { corpusLabelReferences } from './labels';
import type { InferenceDouble } from './server';

/** Registers every valid corpus photo (the BMP bird included) under its manifest label. */
export async function registerCorpusLabels(double: Pick<InferenceDouble, 'registerLabel'>): Promise<void> {
  for (const reference of await corpusLabelReferences()) {
    await double.registerLabel(reference.label, 'raw' in reference ? reference.raw : reference.bytes);
  }
}

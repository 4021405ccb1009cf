export { ModelPicker } from './components/model-picker';
export type { BatchOptions } from './components/batch-options-fields';
export { ImageDestinationNote } from './components/image-destination-note';
export { rememberBatchFields } from './lib/last-field-choice';

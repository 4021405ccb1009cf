export { ModelPicker } from './components/model-picker';
export type { BatchOptions } from './components/batch-options-fields';

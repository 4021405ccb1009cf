export { UploadPanel } from './components/upload-panel';
export { useSelectedFiles, type SelectedFile, type SelectedFiles } from './hooks/use-selected-files';
export { assessDataset, type DatasetAssessment } from './lib/assess-dataset';
export { useSubmitBatch, type SubmitState } from './hooks/use-submit-batch';
export { useWindowFileDrop } from './hooks/use-file-drag';

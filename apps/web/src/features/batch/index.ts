export { BatchView } from './components/batch-view';
export { ResumeBanner } from './components/resume-banner';

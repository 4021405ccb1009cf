export { HistoryView } from './components/history-view';

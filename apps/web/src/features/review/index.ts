export { ReviewView } from './components/review-view';

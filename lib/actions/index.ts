export { startActionCapture, type ActionCaptureOptions } from './start-action-capture';
export type { Timers } from './context';

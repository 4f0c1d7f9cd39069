export * from './limits';
export { checkMessage } from './message-limits';
export { admitCreate, createWindowSchema, WINDOW_MS, type Admission, type CreateWindow } from './create-window';
export { truncateDoc, truncateText, truncationNotice, TRUNCATED_MARK } from './truncate';

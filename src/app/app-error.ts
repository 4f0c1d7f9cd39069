// Expected failures of a use case, with a stable code the UIs switch on. Anything else is a bug or a
// platform fault: it is rethrown so Forge counts the invocation as failed.
import type { ResolverErrorCode } from '../shared/resolver-contract';

export class AppError extends Error {
  constructor(
    readonly code: ResolverErrorCode,
    message: string,
    readonly details?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const forbidden = (message: string) => new AppError('forbidden', message);
export const notFound = (message: string) => new AppError('not-found', message);

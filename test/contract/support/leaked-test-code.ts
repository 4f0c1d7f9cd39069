// Test code that the bundle-leak fixture app imports, so the bundle check can show it catches it.
export const LEAKED = 'test code';

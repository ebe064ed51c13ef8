import type { EnginesContext } from './engine-settings';

// What the engines project's global setup provides to its test files (see vitest-global-setup.ts).
declare module 'vitest' {
  export interface ProvidedContext {
    engines: EnginesContext;
  }
}

export {};

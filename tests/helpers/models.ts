import type { SemanticModel } from '../../src/index.js';

/** `model` without its rollups: every measure read from its fact, as the compiler does when no rollup answers. */
export function factOnly(model: SemanticModel): SemanticModel {
  return { ...model, facts: Object.fromEntries(Object.entries(model.facts).map(([name, fact]) => [name, { ...fact, rollups: undefined }])) };
}

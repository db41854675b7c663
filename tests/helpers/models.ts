/** `model` without its rollups: every measure read from its fact (the library's withoutRollups). */
export { withoutRollups as factOnly } from '../../src/index.js';

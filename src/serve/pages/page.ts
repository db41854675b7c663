import type { Locale } from '../../charts/types.js';
import type { ServeContext } from '../context.js';
import type { PageTable } from './html.js';
import type { PageQuery } from './state.js';

/** What a page is given: the context, its URL query (one value per parameter) and path. */
export interface PageInput {
  ctx: ServeContext;
  query: PageQuery;
  path: string;
  locale: Locale;
}

/** A block of a page: HTML, a table (rendered with its download links), or a row of two blocks side by side. */
export type Block = string | PageTable | { pair: [Block, Block] };

/** What a page returns: its title, a lead line, its blocks in order. Its tables are what `download=` serves. */
export interface PageOutput {
  title: string;
  lead?: string;
  blocks: Block[];
}

/** A dashboard page: state from the URL in, blocks out. */
export type Page = (input: PageInput) => Promise<PageOutput>;

/** Every table of a page's blocks, in order. */
export function tablesOf(blocks: readonly Block[]): PageTable[] {
  return blocks.flatMap((b): PageTable[] => (typeof b === 'string' ? [] : 'pair' in b ? tablesOf(b.pair) : [b]));
}

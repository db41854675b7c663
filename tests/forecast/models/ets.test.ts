/**
 * Automatic ETS: candidate forms and selection, as R's ets() decides them.
 */
import { describe, expect, it } from 'vitest';
import { ets } from '../../../src/index.js';
import { etsCandidates, etsSelect } from '../../../src/forecast/models/ets.js';
import { etsFormName } from '../../../src/forecast/kernels/ets-core.js';

describe('ets', () => {
  it('etsCandidates(positive weekly, 52) are the six non-seasonal forms, as R (frequency > 24)', () => {
    const y = Float64Array.from({ length: 200 }, (_, t) => 100 + t);
    expect(etsCandidates(y, 52).map(etsFormName).sort()).toEqual(
      ['ETS(A,A,N)', 'ETS(A,Ad,N)', 'ETS(A,N,N)', 'ETS(M,A,N)', 'ETS(M,Ad,N)', 'ETS(M,N,N)'],
    );
    expect(etsCandidates(y, 52)).toHaveLength(6);
  });

  it('etsCandidates(positive monthly, 12) has the 15 forms R tries with restrict = TRUE', () => {
    const y = Float64Array.from({ length: 48 }, (_, t) => 100 + (t % 12));
    const names = etsCandidates(y, 12).map(etsFormName);
    expect(names).toHaveLength(15);
    expect(names).not.toContain('ETS(A,N,M)');
    expect(names).toContain('ETS(M,Ad,M)');
  });

  it('etsCandidates(series with a zero, 12) has additive errors and seasons only', () => {
    const y = Float64Array.from({ length: 48 }, (_, t) => t % 12);
    const names = etsCandidates(y, 12).map(etsFormName);
    expect(names).toHaveLength(6);
    expect(names.every((name) => name.startsWith('ETS(A,') && !name.endsWith('M)'))).toBe(true);
  });

  it('etsSelect(y, m) sorts fits by AICc', () => {
    const y = Float64Array.from({ length: 60 }, (_, t) => 50 + 0.5 * t + 5 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7919) % 13) / 3);
    const fits = etsSelect(y, 12);
    for (let i = 1; i < fits.length; i++) expect(fits[i].aicc).toBeGreaterThanOrEqual(fits[i - 1].aicc);
  });

  it('ets.fit(trending positive series).alias names a trend form', () => {
    const y = Float64Array.from({ length: 80 }, (_, t) => 100 + 3 * t + ((t * 7919) % 11) - 5);
    expect(ets.fit(y).alias).toMatch(/^ETS\([AM],Ad?,N\)$/);
  });
});

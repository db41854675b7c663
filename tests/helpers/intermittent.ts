/**
 * TSB by hand, as its definition reads (Teunter, Syntetos and Babai 2011): the demand probability
 * smoothed every period, the size at each demand, the forecast probability times size; with the
 * in-sample one-step MSE of that forecast. The tests check the library's TSB against it.
 */
export function tsbByHand(y: Float64Array, alphaD: number, alphaP: number): { mse: number; forecast: number } {
  let [z, p, sse, m] = [NaN, 0, 0, 0];
  for (let t = 0; t < y.length; t++) {
    const forecast = Number.isNaN(z) ? NaN : p * z;
    if (!Number.isNaN(forecast)) [sse, m] = [sse + (y[t] - forecast) * (y[t] - forecast), m + 1];
    const demand = y[t] !== 0 ? 1 : 0;
    if (Number.isNaN(z)) {
      if (demand) [z, p] = [y[t], 1 / (t + 1)];
    } else {
      p += alphaP * (demand - p);
      if (demand) z += alphaD * (y[t] - z);
    }
  }
  return { mse: m > 0 ? sse / m : 0, forecast: p * z };
}

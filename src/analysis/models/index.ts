import { KpicastError } from '../../errors.js';
import type { SemanticModel } from '../model.js';
import { retail } from './retail.js';
import { staffing } from './staffing.js';
import { vehicles } from './vehicles.js';

export { retail, staffing, vehicles };

/** The models in the box, by name. */
export const builtinModels: Record<string, SemanticModel> = { retail, vehicles, staffing };

/** A built-in model by name; throws listing the names when unknown. */
export function builtinModel(name: string): SemanticModel {
  const model = Object.hasOwn(builtinModels, name) ? builtinModels[name] : undefined;
  if (!model) throw new KpicastError(`unknown model ${JSON.stringify(name)}, built-in: ${Object.keys(builtinModels).join(', ')}`, 'E_OPTION');
  return model;
}

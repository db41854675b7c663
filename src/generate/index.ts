// Public API of src/generate: every export here is re-exported from the package entry.
export { generate, formatBytes, MANIFEST_FILE, type GenerateOptions, type GenerateReport, type GeneratedFile } from './generate.js';
export { sampleFiles, type SampleFile, type SampleFormat } from './sample-files.js';
export { planGeneration, DEFAULT_SEED, SAMPLE_SCALE, SAMPLE_STAFFING_SCALE, type GenerationPlan } from './plan.js';
export { createRandom, type Random } from './random.js';
export { easterSunday, frenchHolidays, holidaysBetween, dayNumber, isoDate, frenchDate, weekday } from './calendar.js';
export type { BadRow } from './bad-rows.js';

import type { Command } from 'commander';
import { registerInit } from './init.js';
import { registerGenerate } from './generate.js';
import { registerLoad } from './load.js';
import { registerExtract } from './extract.js';
import { registerBuild } from './build.js';
import { registerKpi } from './kpi.js';
import { registerSeries } from './series.js';
import { registerForecast } from './forecast.js';
import { registerBacktest } from './backtest.js';
import { registerChart } from './chart.js';
import { registerReport } from './report.js';
import { registerExport } from './export.js';
import { registerRun } from './run.js';
import { registerWorker } from './worker.js';
import { registerSchedule } from './schedule.js';
import { registerRuns } from './runs.js';
import { registerAlerts } from './alerts.js';
import { registerServe } from './serve.js';

/** Every CLI command, one file each; a command only parses options, calls the library and prints. */
export const commands: Array<(program: Command) => void> = [
  registerInit,
  registerGenerate,
  registerLoad,
  registerExtract,
  registerBuild,
  registerKpi,
  registerSeries,
  registerForecast,
  registerBacktest,
  registerChart,
  registerReport,
  registerExport,
  registerRun,
  registerWorker,
  registerSchedule,
  registerRuns,
  registerAlerts,
  registerServe,
];

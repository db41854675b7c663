// Public API of src/serve: the server behind `kpicast serve`, its context and its pieces.
export { buildApp, CONTENT_SECURITY_POLICY, type AppOptions } from './app.js';
export { startServer, type ServerOptions, type RunningServer } from './server.js';
export { createServeContext, VERSION_SQL, type ServeContext, type ServeContextOptions, type LastLoad } from './context.js';
export { ResultCache } from './cache.js';
export { serverToken, isLoopback, requireToken, TOKEN_COOKIE } from './auth.js';
export { sendTable, frameColumns, type TableColumn, type TableFormat, type ColumnType as TableColumnType } from './download.js';
export { loadRuns, quarantinedRows, storedForecasts } from './reads.js';

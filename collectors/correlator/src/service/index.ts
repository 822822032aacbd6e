export { ConfigError, ENVIRONMENT, loadConfig } from './config/load';
export type { ConfigFlags, LoadedConfig } from './config/load';
export { ConfigSchema, DEFAULT_CONFIG } from './config/schema';
export type { Config, RawConfig } from './config/schema';
export type { RouteRegistrar } from './listeners/api-server';
export { startService } from './service';
export type { RunningService, ServiceOptions } from './service';
export { jsonLogger, silentLogger } from './log';
export type { Logger } from './log';

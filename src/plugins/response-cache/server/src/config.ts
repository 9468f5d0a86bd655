import { DEFAULT_CONFIG, parseCacheConfig, type RawCacheConfig } from './lib/config';

/** Defaults of the plugin; the host app overrides them in config/plugins.ts (see README). */
export default {
  default: { ...DEFAULT_CONFIG },
  validator(config: RawCacheConfig): void {
    parseCacheConfig(config);
  },
};

import { DEFAULT_CONFIG, parseReleasesConfig, type RawReleasesConfig } from './lib/config';

/** Defaults of the plugin; the host app overrides them in config/plugins.ts (see README). */
export default {
  default: { ...DEFAULT_CONFIG },
  validator(config: RawReleasesConfig): void {
    parseReleasesConfig(config);
  },
};

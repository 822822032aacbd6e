import type { Configuration } from 'webpack';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

/**
 * create-plugin's config, extended the documented way (.config/ stays as scaffolded): it copies the app's logos
 * only, so the nested data source's and panel's own `img/` folders are copied here.
 */
const config = async (env: Env): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  return {
    ...base,
    plugins: [
      ...(base.plugins ?? []),
      new CopyWebpackPlugin({ patterns: [{ from: '*/img/*', to: '[path][name][ext]' }] }),
    ],
  };
};

export default config;

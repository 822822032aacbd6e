// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layers of the correlator (docs/design.md): each room may import the rooms below it, never those above.
const ROOMS = {
  model: ['engine', 'receivers', 'exporters', 'api', 'http', 'service', 'replay', 'cli'],
  engine: ['receivers', 'exporters', 'api', 'http', 'service', 'replay', 'cli'],
  http: ['engine', 'receivers', 'exporters', 'api', 'service', 'replay', 'cli'],
  receivers: ['exporters', 'api', 'service', 'replay', 'cli'],
  exporters: ['api', 'service', 'replay', 'cli'],
  api: ['receivers', 'service', 'replay', 'cli'],
  replay: ['exporters', 'api', 'service', 'cli'],
  service: ['replay', 'cli'],
};
const layerRules = Object.entries(ROOMS).map(([room, above]) => ({
  files: [`collectors/correlator/src/${room}/**/*.ts`],
  // Tests and their fixtures drive whole paths (a file through replay into a store) and may cross rooms.
  ignores: ['**/*.test.ts', '**/__fixtures__/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^\\.\\.?/(?:\\.\\./)*(?:${above.join('|')})(?:/|$)`,
            message: `${room}/ may not import from ${above.join(', ')}/ (layers: docs/design.md).`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.bench/**', 'plugins/lockstep-app/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  ...layerRules,
  {
    // Code outside the packages uses them as their users do: through the entry points, whose index.ts names every
    // export. Test helpers in a package's __fixtures__ are the one exception.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'bench/**/*.mjs', 'dashboards/**/*.ts', 'provisioning/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!.*__fixtures__).*collectors/[^/]+/(?:src|dist)(?:/|$)',
              message:
                'Import the package (@lockstep/contract, @lockstep/correlator, @lockstep/agent); export what you need from its index.ts.',
            },
            { regex: '^@lockstep/[^/]+/', message: 'Import the package entry point, not a path inside it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

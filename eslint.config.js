import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Raw SQL only through drizzle's tagged `sql`: no sql.raw and no string-built query text. */
const sqlBans = [
  {
    selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']",
    message: 'sql.raw builds SQL from strings; use the tagged sql`` template with parameters.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(query|exec|execute|executeSql)$/] > TemplateLiteral[expressions.length>0]',
    message: 'No SQL built from strings: use drizzle or the tagged sql`` template.',
  },
  {
    selector: "CallExpression[callee.property.name=/^(query|exec|execute|executeSql)$/] > BinaryExpression[operator='+']",
    message: 'No SQL built from strings: use drizzle or the tagged sql`` template.',
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'bench/results/**', 'apps/server/drizzle/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', ...sqlBans],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Settings come from kernel/config.ts (loadConfig); process.env is read nowhere else.',
        },
      ],
    },
  },
  {
    // The one place that reads the environment, and the tools that start processes with one.
    files: [
      'apps/server/src/kernel/config.ts',
      'apps/server/src/test/**',
      'apps/server/drizzle.config.ts',
      'scripts/**',
      'bench/**',
      'e2e/**',
      '**/*.config.{js,ts}',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Module boundaries: the kernel knows no module; a module reaches another only through its index.ts.
    files: ['apps/server/src/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**', '../modules.ts', '**/modules.ts'], message: 'kernel/ imports no module.' }] },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.ts$).+',
              message: 'Another module is reached only through its index.ts (never its repository, schema or service files).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/*/__tests__/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./(?!\\.\\./)[^/]+/(?!index\\.ts$).+',
              message: 'Tests of a module reach other modules only through their index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'No dangerouslySetInnerHTML: render text, never HTML strings.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/server/**', '@crm/server'],
              message: 'The web app talks to the server only through @crm/contracts and HTTP.',
            },
          ],
        },
      ],
    },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // The engine reads its environment and folder from what the CLI or the action hands it: the tests
    // run the CLI's main() in the test process (test/helpers/run-cli.ts), which holds only while this does.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/index.ts', 'src/cli/main.ts', 'src/action/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='globalThis'][property.name='process']",
          message: 'Take it from the CliIo / action inputs: the CLI runs in-process in tests.',
        },
      ],
      'no-restricted-properties': [
        'error',
        ...['env', 'cwd', 'chdir', 'exit', 'exitCode', 'argv', 'stdout', 'stderr', 'stdin', 'on', 'once'].map(
          (property) => ({
            object: 'process',
            property,
            message: 'Take it from the CliIo / action inputs: the CLI runs in-process in tests.',
          }),
        ),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'node:os',
              importNames: ['homedir', 'tmpdir'],
              message: 'Use what the caller hands over.',
            },
            { name: 'node:process', message: 'Take it from the CliIo / action inputs.' },
            { name: 'process', message: 'Take it from the CliIo / action inputs.' },
          ],
        },
      ],
    },
  },
);

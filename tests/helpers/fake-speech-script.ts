import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

/** tests/helpers/install-fake-speech.ts bundled as one classic script for addInitScript. */
export async function fakeSpeechInitScript(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('./install-fake-speech.ts', import.meta.url)),
        formats: ['iife'],
        name: 'installFakeSpeech',
      },
    },
  })) as Rollup.RollupOutput[];
  const chunk = output[0]?.output.find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the fake speech bundle has no code');
  return chunk.code;
}

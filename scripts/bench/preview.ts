/** Serves a built directory with `vite preview` on a free local port, for benchmarks that run in Chromium. */
import { preview } from 'vite';

/** A running preview server. */
export interface PreviewServer {
  baseUrl: string;
  close: () => Promise<void>;
}

/** Starts `vite preview` over `outDir` without the project's Vite config (no plugins needed to serve files). */
export async function previewDist(root: string, outDir: string): Promise<PreviewServer> {
  const server = await preview({
    configFile: false,
    root,
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) {
    await server.close();
    throw new Error('vite preview did not report its URL');
  }
  return { baseUrl, close: () => server.close() };
}

import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { OFFLINE_VOICE_DIR, offlineVoicePlugin } from './scripts/espeak-data.ts';

const THEME_COLOUR = '#0b5d3b';

/** The PWA build: app shell precached by a Workbox service worker written in src/sw (injectManifest). */
export default defineConfig({
  plugins: [
    preact(),
    offlineVoicePlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // The app shows its own "new version" prompt; it must never reload in the middle of a broadcast.
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The offline voice (~600 KB) is stored only when the operator asks: src/client/speech/offline.
        globIgnores: [`${OFFLINE_VOICE_DIR}/**`],
      },
      manifest: {
        id: '/',
        name: 'LoaXa — Loa truyền thanh xã',
        short_name: 'LoaXa',
        description:
          'Bản tin truyền thông chính sách cho đài truyền thanh xã và xe thông tin lưu động: đọc, phát bằng nhiều thứ tiếng và ghi nhật ký, cả khi không có mạng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: THEME_COLOUR,
        categories: ['government', 'news', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: {
    target: 'es2020',
    sourcemap: false,
    // dist/.vite/manifest.json lets scripts/bundle-size.ts tell initial chunks from lazy ones.
    manifest: true,
  },
});

// Builds the Eventgen page into one script and one stylesheet with fixed names, so
// the view template (appserver/templates/eventgen.html) can load them.
// EVENTGEN_PAGE_OUT chooses the folder (scripts/build-page.sh passes appserver/static).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const outDir = process.env.EVENTGEN_PAGE_OUT || fileURLToPath(new URL('../appserver/static', import.meta.url));

export default defineConfig({
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
        outDir,
        emptyOutDir: false,
        sourcemap: false,
        minify: true,
        chunkSizeWarningLimit: 4000,
        lib: {
            entry: fileURLToPath(new URL('./src/main.jsx', import.meta.url)),
            formats: ['iife'],
            name: 'EventgenPage',
            fileName: () => 'eventgen-page.js',
            cssFileName: 'eventgen-page',
        },
    },
});

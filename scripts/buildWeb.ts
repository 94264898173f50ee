import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Builds the workspace tab (web/src) into static files in web/dist: one ES module entry with the
 * screens split into chunks loaded when first opened, minified for production.
 */
export async function buildWeb(opts: { root?: string; minify?: boolean } = {}): Promise<string> {
  const root = opts.root ?? path.resolve(__dirname, '..');
  const out = path.join(root, 'web', 'dist');
  await rm(out, { recursive: true, force: true });
  await mkdir(path.join(out, 'assets'), { recursive: true });
  await build({
    entryPoints: { main: path.join(root, 'web', 'src', 'main.tsx') },
    outdir: path.join(out, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    minify: opts.minify ?? true,
    sourcemap: false,
    legalComments: 'none',
    chunkNames: 'chunk-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await copyFile(path.join(root, 'web', 'index.html'), path.join(out, 'index.html'));
  return out;
}

if (require.main === module)
  buildWeb().then(
    (out) => console.log(`Built the workspace into ${out}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );

import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Builds the workspace tab (web/src) into static files in web/dist: the page, with a tiny script in it
 * that starts the first screen's reads (start/early.ts), and one ES module entry with the screens
 * opened less often and teams-js split into chunks loaded when needed, minified for production.
 */
export async function buildWeb(opts: { root?: string; minify?: boolean } = {}): Promise<string> {
  const root = opts.root ?? path.resolve(__dirname, '..');
  const out = path.join(root, 'web', 'dist');
  await rm(out, { recursive: true, force: true });
  await mkdir(path.join(out, 'assets'), { recursive: true });
  const { metafile } = await build({
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
    banner: { js: '//# allFunctionsCalledOnLoad' },
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  // The first reads' starter goes into the page itself: a script file would cost a round trip
  // before the reads could start.
  const early = await build({
    entryPoints: [path.join(root, 'web', 'src', 'start', 'early.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: opts.minify ?? true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const earlyJs = early.outputFiles[0]?.text ?? '';
  // The browser finds a module's imports only once it has parsed it; naming them in the page lets it
  // fetch and parse them alongside main.js.
  const first = staticImports(metafile.outputs, 'main.js').map(
    (f) => `<link rel="modulepreload" href="/assets/${f}" />`,
  );
  const html = await readFile(path.join(root, 'web', 'index.html'), 'utf8');
  await writeFile(
    path.join(out, 'index.html'),
    html
      .replace('<!-- modulepreload -->', first.join('\n    '))
      .replace('<!-- early -->', () => `<script>${earlyJs.replace(/<\//g, '<\\/')}</script>`),
  );
  return out;
}

type Outputs = Record<string, { imports: { path: string; kind: string }[] }>;

/** main.js and every chunk it imports statically, directly or not (not the ones loaded later). */
function staticImports(outputs: Outputs, entry: string): string[] {
  const byName = new Map(Object.entries(outputs).map(([file, o]) => [path.basename(file), o]));
  const found: string[] = [];
  const visit = (name: string) => {
    if (found.includes(name)) return;
    found.push(name);
    for (const i of byName.get(name)?.imports ?? []) if (i.kind === 'import-statement') visit(path.basename(i.path));
  };
  visit(entry);
  return found;
}

if (require.main === module)
  buildWeb().then(
    (out) => console.log(`Built the workspace into ${out}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );

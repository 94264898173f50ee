import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FileRef } from '../domain/agendaPack';
import type { Committee } from '../domain/committee';
import type { GraphApi } from '../graph/graphClient';

/**
 * Where reports and packs are kept: the committee's SharePoint document library through Microsoft
 * Graph in production (Word turned into PDF by SharePoint's own `format=pdf`), a local folder with
 * LibreOffice on one machine. Either way the same three things: keep, fetch, and make a PDF of Word.
 */
export interface PaperFiles {
  readonly store: FileRef['store'];
  put(path: string, bytes: Uint8Array, contentType: string): Promise<FileRef>;
  get(ref: FileRef): Promise<Uint8Array>;
  /** The PDF of a Word document (kept beside it at `path`). */
  wordToPdf(path: string, word: Uint8Array): Promise<Uint8Array>;
}

/** Word conversion is not possible here (no LibreOffice on this machine): the clerk is asked for a PDF. */
export class ConversionUnavailable extends Error {}

/** The path under the committee's folder: "Papers/lscsb-2026-12-04/6 Rutland membership.pdf". */
const segments = (path: string) => path.split('/').filter((s) => s && s !== '.' && s !== '..');

export function sharePointFiles(graph: GraphApi, files: NonNullable<Committee['files']>): PaperFiles {
  const full = (path: string) => [...segments(files.folder), ...segments(path)].join('/');
  return {
    store: 'sharepoint',
    async put(path, bytes, contentType) {
      const item = await graph.uploadFile(files.driveId, full(path), Buffer.from(bytes), contentType);
      return { store: 'sharepoint', id: item.id };
    },
    get: (ref) => graph.downloadFile(files.driveId, ref.id),
    async wordToPdf(path, word) {
      const item = await graph.uploadFile(
        files.driveId,
        full(path),
        Buffer.from(word),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      return graph.downloadFile(files.driveId, item.id, 'pdf');
    },
  };
}

/** Runs LibreOffice headless on a copy of the document in a folder of its own; its own profile too, so conversions may run side by side. */
async function libreOfficeToPdf(word: Uint8Array, extension: string): Promise<Uint8Array> {
  const work = await mkdtemp(join(tmpdir(), 'quorum-convert-'));
  try {
    const input = join(work, `report${extension}`);
    await writeDurably(input, word);
    await new Promise<void>((done, fail) =>
      execFile(
        'soffice',
        [
          `-env:UserInstallation=file://${join(work, 'profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          input,
        ],
        { timeout: 120_000 },
        (err) => {
          if (err && (err as NodeJS.ErrnoException).code === 'ENOENT')
            fail(new ConversionUnavailable('LibreOffice (soffice) is not installed on this machine'));
          else if (err) fail(err);
          else done();
        },
      ),
    );
    return new Uint8Array(await readFile(join(work, 'report.pdf')));
  } catch (err) {
    if (err instanceof ConversionUnavailable) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('LibreOffice could not convert the document to PDF');
    throw err;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Written, flushed to disk, then renamed into place: an acknowledged upload survives a crash, and a half-written file is never read. */
async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomUUID()}.part`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

export function localFiles(root: string, committeeId: string): PaperFiles {
  const base = resolve(root, committeeId);
  const inside = (id: string) => {
    const path = resolve(base, ...segments(id));
    if (path !== base && !path.startsWith(base + sep))
      throw new Error('A file outside the committee folder was asked for');
    return path;
  };
  return {
    store: 'local',
    async put(path, bytes) {
      const target = inside(path);
      await writeDurably(target, bytes);
      return { store: 'local', id: relative(base, target).split(sep).join('/') };
    },
    get: async (ref) => new Uint8Array(await readFile(inside(ref.id))),
    async wordToPdf(path, word) {
      await writeDurably(inside(path), word);
      return libreOfficeToPdf(word, path.toLowerCase().endsWith('.doc') ? '.doc' : '.docx');
    },
  };
}

/**
 * The committee's files: SharePoint when Graph and the committee's library are configured, else the
 * local folder on one machine; in production without a library, nowhere (the clerk is told what to set).
 */
export function paperFilesFor(
  committee: Committee,
  deps: { graph?: GraphApi; filesDir?: string },
): PaperFiles | undefined {
  if (deps.graph && committee.files) return sharePointFiles(deps.graph, committee.files);
  if (deps.filesDir) return localFiles(deps.filesDir, committee.id);
  return undefined;
}

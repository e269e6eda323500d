// Named versions of a document: full Yjs states stored beside its update log. Restoring is a forward edit: the
// current state is kept as a 'restore' version first, then the old content replaces the live content like any
// import, so open editors follow and nothing of the history is lost. Knows nothing of HTTP. The conversions
// (Lexical) run on the conversion thread (document-converter.ts).
import { byteLengthOf } from '../../../shared/lexical/content-pieces';
import { beforeRestoringLabel, restoreUndoneBy } from '../../../shared/restore-labels';
import type { ExportFormat } from '../documents/document-format';
import type { DocumentConverter } from '../documents/document-converter';
import type { DocumentService } from '../documents/document-service';
import type { RenderedDocument } from '../documents/render-document';
import { notFound } from '../errors';
import type { Logger } from '../logger';
import type { DocumentStore, SnapshotMeta } from '../storage/storage';
import { toVersionInfo, type VersionInfo } from './version-info';

export interface VersionServiceDeps {
  documents: DocumentService;
  store: DocumentStore;
  converter: DocumentConverter;
  logger: Logger;
}

export interface RestoreResult {
  /** The version that is now the content. */
  restored: VersionInfo;
  /** The content just before the restore, stored as a 'restore' version. */
  previous: VersionInfo;
}

export class VersionService {
  constructor(private readonly deps: VersionServiceDeps) {}

  /** Newest first. */
  async list(doc: string): Promise<VersionInfo[]> {
    await this.deps.documents.assertExists(doc);
    return (await this.deps.store.listSnapshots(doc)).map(toVersionInfo);
  }

  async create(doc: string, options: { label: string | null; author: string | null }): Promise<VersionInfo> {
    const state = await this.deps.documents.committedState(doc);
    const meta = await this.deps.store.createSnapshot({ doc, label: options.label, author: options.author, kind: 'manual', state });
    return toVersionInfo(meta);
  }

  async exportVersion(doc: string, id: string, format: ExportFormat): Promise<RenderedDocument> {
    const { meta, state } = await this.get(doc, id);
    return this.deps.converter.render(state, format, { untitled: doc, suffix: ` (${meta.label ?? describeTime(meta.createdAt)})` });
  }

  async restore(doc: string, id: string, author: string | null): Promise<RestoreResult> {
    const target = await this.get(doc, id);
    // Converted first, on the conversion thread, so an unreadable version fails before anything is stored or changed.
    const content = await this.deps.converter.versionContent(target.state);
    return this.deps.documents.oneReplacementAtATime(doc, () => this.replaceWith(doc, target.meta, content, author));
  }

  private async replaceWith(doc: string, target: SnapshotMeta, content: Uint8Array[], author: string | null): Promise<RestoreResult> {
    await this.deps.documents.assertFits(doc, byteLengthOf(content));
    const version = target.label ?? describeTime(target.createdAt);
    const undone = restoreUndoneBy(version);
    const crossingLabel = undone === null ? `Edits made during the restore of ${version}` : `Edits made while the restore of ${undone} was undone`;
    const state = await this.deps.documents.stateBeforeReplacing(doc, crossingLabel);
    const previous = await this.deps.store.createSnapshot({
      doc,
      label: beforeRestoringLabel(version),
      author,
      kind: 'restore',
      state,
    });
    // Edits that land from here on, while `previous` is written or after the replacement, made against the old
    // content, are kept by stateBeforeReplacing's watch.
    const room = await this.deps.documents.openExisting(doc);
    await this.deps.documents.replaceContent(room, content, { kind: 'restore', version, versionAt: target.label === null ? target.createdAt : null, author, at: Date.now() });
    this.deps.logger.info({ doc, version: target.id, previous: previous.id }, 'version restored');
    return { restored: toVersionInfo(target), previous: toVersionInfo(previous) };
  }

  private async get(doc: string, id: string): Promise<{ meta: SnapshotMeta; state: Uint8Array }> {
    await this.deps.documents.assertExists(doc);
    const found = await this.deps.store.getSnapshot(doc, id);
    if (!found) throw notFound(`no version ${id} of document ${doc}`);
    return found;
  }
}

/** "2024-05-01 14:03 UTC": a version without a label is named by its time. */
export function describeTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

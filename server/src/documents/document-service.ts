// Documents as data: list, export, import and delete, for the admin and user APIs (no HTTP here). Reads and writes
// go through the live room, loading a stored document when needed, so an import is committed, broadcast and
// fanned out like any peer's edit and every open editor shows it at once. Must not write to storage directly.
// The conversions (Lexical) run on the conversion thread (document-converter.ts), off the event loop.
import * as Y from 'yjs';
import { byteLengthOf } from '../../../shared/lexical/content-pieces';
import { deleteLastBlocks, replaceRootWith } from '../../../shared/lexical/replace-root';
import { recordReplacement, type ReplacementNotice } from '../../../shared/replacement-notice';
import { TandemError, badRequest, notFound } from '../errors';
import type { Logger } from '../logger';
import type { Committer } from '../rooms/committer';
import { ADMIN_ORIGIN } from '../rooms/origins';
import type { RoomRegistry } from '../rooms/registry';
import type { Room } from '../rooms/room';
import type { DocumentStore } from '../storage/storage';
import type { ExportFormat, ImportFormat } from './document-format';
import type { DocumentConverter } from './document-converter';
import type { DocumentReplacements } from './document-replacements';
import { keepEditsCrossingReplacement } from './edits-crossing-replacement';
import type { RenderedDocument } from './render-document';

export interface DocSummary {
  name: string;
  /** Stored bytes of the document's update log. */
  bytes: number;
  /** ms since epoch of the last stored change. */
  updatedAt: number;
  /** Connections to the document on this instance. */
  clients: number;
}

export interface DocumentServiceDeps {
  registry: RoomRegistry;
  store: DocumentStore;
  committer: Committer;
  converter: DocumentConverter;
  replacements: DocumentReplacements;
  logger: Logger;
  config: { limits: { maxDocBytes: number } };
}

/** A closed room is reopened; more closes in a row than this mean something keeps unloading it. */
const OPEN_ATTEMPTS = 3;

export class DocumentService {
  constructor(private readonly deps: DocumentServiceDeps) {}

  async list(): Promise<DocSummary[]> {
    const metas = await this.deps.store.list();
    return metas.map((meta) => ({
      name: meta.name,
      bytes: meta.bytes,
      updatedAt: meta.updatedAt,
      clients: this.deps.registry.peek(meta.name)?.sessions.size ?? 0,
    }));
  }

  async summary(name: string): Promise<DocSummary> {
    const meta = await this.deps.store.meta(name);
    if (!meta) throw noDocument(name);
    return { name, bytes: meta.bytes, updatedAt: meta.updatedAt, clients: this.deps.registry.peek(name)?.sessions.size ?? 0 };
  }

  /** Throws not_found unless the document is loaded or stored. Never loads it. */
  async assertExists(name: string): Promise<void> {
    if (this.deps.registry.peek(name)) return;
    if (!(await this.deps.store.meta(name))) throw noDocument(name);
  }

  /**
   * The live room of an existing document, loading a stored one (it unloads again after IDLE_UNLOAD_MS). Loading
   * rather than reading the stored log into a scratch doc keeps one source of truth: the room also holds updates
   * still on their way to storage, and in a cluster what fan-out brought in.
   */
  async openExisting(name: string): Promise<Room> {
    return this.openRoom(name, async () => {
      // peek() first: open() on an already loaded room cancels its idle unload, and only a leaving session re-arms it.
      const room = this.deps.registry.peek(name) ?? (await this.deps.registry.openExisting(name));
      if (!room) throw noDocument(name);
      return room;
    });
  }

  /** The document's full Yjs state with everything received so far committed (a version never holds unsaved edits). */
  async committedState(name: string): Promise<Uint8Array> {
    return Y.encodeStateAsUpdate((await this.committedRoom(name)).doc);
  }

  /**
   * committedState for a replacement (restore, import) about to be made: from this moment, edits that cross it are
   * kept in a version labelled `crossingLabel` (see edits-crossing-replacement.ts).
   */
  async stateBeforeReplacing(name: string, crossingLabel: string): Promise<Uint8Array> {
    const room = await this.committedRoom(name);
    const state = Y.encodeStateAsUpdate(room.doc);
    const { store, logger, replacements } = this.deps;
    const watch = keepEditsCrossingReplacement({
      room,
      replaced: state,
      logger,
      applyEdits: (replaced, edits) => this.deps.converter.crossingEdits(replaced, edits),
      save: (copy) => store.createSnapshot({ doc: name, label: crossingLabel, author: null, kind: 'restore', state: copy }),
    });
    replacements.track(watch);
    return state;
  }

  /** Runs `replace` (an import's or restore's changes to `name`) after every one queued before it has finished. */
  oneReplacementAtATime<T>(name: string, replace: () => Promise<T>): Promise<T> {
    return this.deps.replacements.oneAtATime(name, replace);
  }

  private async committedRoom(name: string): Promise<Room> {
    const room = await this.openExisting(name);
    await this.deps.committer.drain();
    return room.closed ? this.openExisting(name) : room;
  }

  async exportDoc(name: string, format: ExportFormat): Promise<RenderedDocument> {
    const room = await this.openExisting(name);
    return this.deps.converter.render(room.encodedState(), format, { untitled: name });
  }

  /**
   * Replaces the content of `name` with `body` (PUT semantics: a document that does not exist yet is created), then
   * waits for the commit, so the answer means "stored and sent to every open editor". The content it replaces is
   * kept first as a version ("Before import"), as a restore keeps it: the editors' notice promises that.
   */
  async importDoc(name: string, format: ImportFormat, body: Uint8Array): Promise<DocSummary> {
    const { converter } = this.deps;
    // An empty body is a request gone wrong (a script that lost its file, curl without --data-binary) far more often
    // than a wish to empty the document, which a blank line still does.
    if (body.byteLength === 0) {
      const howToEmpty = format === 'markdown' ? ' (a blank line empties it)' : '';
      throw badRequest(`the body is empty: send the new content of ${name}${howToEmpty}`);
    }
    // Converted first, on the conversion thread: a bad body must neither leave a new, empty document behind nor a
    // version of an unchanged one.
    const content = await converter.content(format, body);
    return this.oneReplacementAtATime(name, () => this.importContent(name, format, body.byteLength, content));
  }

  private async importContent(name: string, format: ImportFormat, bodyBytes: number, content: Uint8Array[]): Promise<DocSummary> {
    const { registry, store } = this.deps;
    await this.assertFits(name, byteLengthOf(content));
    // Only now, after the seconds a large conversion takes: someone may have created (opened) or deleted it meanwhile.
    const exists = registry.peek(name) !== undefined || (await store.meta(name)) !== null;
    // Importing is how an admin creates a deleted document again.
    if (!exists) await store.clearDeletion(name);
    if (exists) {
      const state = await this.stateBeforeReplacing(name, 'Edits made during the import');
      // Edits made against the replaced content that land from here on are kept by stateBeforeReplacing's watch.
      await store.createSnapshot({ doc: name, label: 'Before import', author: null, kind: 'restore', state });
    }
    const room = await this.openRoom(name, () => registry.peek(name) ?? registry.open(name));
    await this.replaceContent(room, content, { kind: 'import', version: null, versionAt: null, author: null, at: Date.now() });
    this.deps.logger.info({ doc: name, format, bytes: bodyBytes, created: !exists }, 'document imported');
    return this.summary(name);
  }

  /**
   * Puts `content` (pieces from DocumentConverter.content) in place of the room's blocks, notes the replacement for
   * the editors, and waits for the commit, so the caller's answer means "stored and sent to every open editor". The
   * first piece goes in with the deletion of the old blocks, each other one in an event-loop turn of its own, so
   * keystrokes in every document go on in between (10,000 paragraphs put in place at once held the loop for seconds)
   * and editors see the new content arrive from the top. A large document's old blocks are deleted the same way
   * first, a run at a time from the end. Should the room unload meanwhile (nobody in it), the rest
   * goes into the room loaded again, which holds the pieces before from storage.
   */
  async replaceContent(room: Room, content: readonly Uint8Array[], replacement: ReplacementNotice): Promise<void> {
    const [first, ...rest] = content;
    if (first === undefined) throw new Error('replaceContent: the new content has no pieces');
    let live = room;
    /** The room after an event-loop turn: the same one, or, should it have unloaded meanwhile, the one loaded again. */
    const stillLive = async (): Promise<Room> => {
      await nextTurn();
      if (live.closed) live = await this.openExisting(live.name);
      return live;
    };
    // Announced as under way before anything changes and as complete after the last piece: editors hold typing in
    // between, so nobody types into a document half in place (a caret in a block just deleted jumped into the new
    // content, and the words typed there landed in its middle).
    recordReplacement(live.doc, { ...replacement, isComplete: false }, ADMIN_ORIGIN);
    // A large document's old blocks go first, a run at a time from the end; the last run goes with the first piece.
    while (deleteLastBlocks(live.doc, BLOCKS_DELETED_PER_TURN, BLOCKS_DELETED_PER_TURN, ADMIN_ORIGIN) > 0) await stillLive();
    replaceRootWith(live.doc, first, ADMIN_ORIGIN);
    for (const piece of rest) (await stillLive()).applyServerUpdate(piece, ADMIN_ORIGIN);
    recordReplacement(live.doc, { ...replacement, isComplete: true }, ADMIN_ORIGIN);
    await this.deps.committer.drain();
  }

  /**
   * Throws too_large when adding about `addedBytes` of content (an import, a restored version) would take `name` past
   * MAX_DOC_BYTES: the replaced content stays in the document's history, so the two add up, and a document over the
   * limit refuses every editor's next keystroke (4413).
   */
  async assertFits(name: string, addedBytes: number): Promise<void> {
    const { registry, store, config } = this.deps;
    const currentBytes = registry.peek(name)?.bytes ?? (await store.meta(name))?.bytes ?? 0;
    const { maxDocBytes } = config.limits;
    if (currentBytes + addedBytes <= maxDocBytes) return;
    throw new TandemError(
      'too_large',
      `document ${name} would grow to about ${currentBytes + addedBytes} bytes (${currentBytes} now, ${addedBytes} added), over MAX_DOC_BYTES (${maxDocBytes} bytes)`,
    );
  }

  /** Closes every connection to the document with 4410 and removes it with its versions. */
  async deleteDoc(name: string): Promise<void> {
    if (!(await this.deps.registry.delete(name))) throw noDocument(name);
    this.deps.logger.info({ doc: name }, 'document deleted');
  }

  private async openRoom(name: string, open: () => Room | Promise<Room>): Promise<Room> {
    // A room may finish unloading between a lookup and its use; then the next lookup loads it afresh.
    for (let attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
      const room = await open();
      if (!room.closed) return room;
    }
    throw new TandemError('unavailable', `document ${name} is being unloaded; try again`);
  }
}

/**
 * Old blocks deleted per event-loop turn when a large document is replaced: the 10,000 blocks of a 10,000-paragraph
 * document took one transaction 0.7 s, most of it collecting their content.
 */
const BLOCKS_DELETED_PER_TURN = 1_000;

/** Resolves once the event loop has run what was waiting (I/O included). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function noDocument(name: string): TandemError {
  return notFound(`no document named ${name}`);
}

// Everything one open document needs besides the editor: the Y.Doc with its IndexedDB copy, the provider, and the
// trackers for connection, saving and access. Created once per editor screen and destroyed with it; the
// CollaborationPlugin receives the provider through `providerFactory`.
import type { Provider } from '@lexical/yjs';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/close-codes';
import { seedUpdate } from '../../../shared/lexical/seed-update';
import { createRecentDocs } from '../docs/recent-docs';
import { createStartedHere } from '../docs/started-here';
import { createConnectionController, type ConnectionStatus } from './connection-controller';
import { trackContentReady } from './content-ready';
import { discardUnsavedEdits } from './discard-unsaved-edits';
import { createLocalCopy } from './local-copy';
import { handlePermissionDenied } from './permission-handler';
import { createCollabProvider, toLexicalProvider } from './provider-factory';
import { trackSaves } from './save-tracker';
import type { TokenSource } from './token-source';
import { createUnsavedLedger } from './unsaved-ledger';
import { createValueStore, type ValueStore } from './value-store';

export type Access = { readonly canEdit: true } | { readonly canEdit: false; readonly reason: string };

export interface CollabSession {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** For CollaborationPlugin: registers the doc under `id` and hands over the provider. */
  readonly providerFactory: (id: string, yjsDocMap: Map<string, Y.Doc>) => Provider;
  readonly connection: ValueStore<ConnectionStatus>;
  readonly hasUnsavedEdits: ValueStore<boolean>;
  readonly access: ValueStore<Access>;
  /** True once the content is known (synced, or restored from IndexedDB): the editor accepts typing from then. */
  readonly isContentReady: ValueStore<boolean>;
  /**
   * Drops this browser's edits that the server does not have from storage (see discard-unsaved-edits.ts). This
   * session keeps them in memory: open a new one, which starts from the server's state.
   */
  discardUnsavedEdits(): Promise<void>;
  destroy(): void;
}

export interface CollabSessionOptions {
  readonly docName: string;
  readonly collabUrl: string;
  readonly tokenSource: TokenSource;
  readonly storage: Storage;
  /** From the token's role claim: known before the server says so. */
  readonly isViewer: boolean;
}

export function openCollabSession({ docName, collabUrl, tokenSource, storage, isViewer }: CollabSessionOptions): CollabSession {
  const provider = createCollabProvider({ collabUrl, docName, token: tokenSource.current() });
  const doc = provider.doc;
  const localCopy = createLocalCopy(doc, `tandem:${docName}`, storage, provider);
  const ledger = createUnsavedLedger(storage, docName);
  const saves = trackSaves({ provider, ledger, whenRestored: localCopy.whenRestored });
  const controller = createConnectionController({ provider, tokenSource, window, isOnline: () => navigator.onLine });
  const content = trackContentReady(provider, seedIfStartedHere(docName, provider, storage, localCopy.whenRestored));
  const access = createValueStore<Access>(isViewer ? { canEdit: false, reason: VIEW_ONLY_REASON } : { canEdit: true });
  handlePermissionDenied(provider, (reason) => access.set({ canEdit: false, reason: readableDenial(reason) }));

  // A deleted document must not come back from this browser's copy the next time someone opens the name, nor stay
  // in the home page's recent documents.
  const stopDeletedCopy = controller.status.subscribe(() => {
    if (controller.status.get().stopCode !== CloseCode.DocumentDeleted) return;
    ledger.clear();
    ledger.flush();
    localCopy.clear().catch((error: unknown) => console.warn('tandem: could not clear the local copy', error));
    createRecentDocs(storage).forget(docName);
  });

  // The local copy loads only once the editor is bound to the doc (see toLexicalProvider).
  const lexicalProvider = toLexicalProvider(provider, localCopy.start);
  return {
    doc,
    provider,
    providerFactory: (id, yjsDocMap) => {
      yjsDocMap.set(id, doc);
      return lexicalProvider;
    },
    connection: controller.status,
    hasUnsavedEdits: saves.hasUnsavedEdits,
    access,
    isContentReady: content.isReady,
    discardUnsavedEdits: () => discardUnsavedEdits({ localCopy, ledger }),
    destroy() {
      stopDeletedCopy();
      content.destroy();
      saves.destroy();
      ledger.destroy();
      controller.destroy();
      provider.destroy();
      localCopy.destroy();
      doc.destroy();
    },
  };
}

/** Marks the seed this page wrote, apart from edits: the undo history never holds it. */
const LOCAL_SEED_ORIGIN = Symbol('tandem:local-seed');

/**
 * For a document this browser just started (see started-here.ts): once the local copy is loaded and still empty,
 * writes the seed, so typing can begin before the server answers, or with no network at all. The server writes the
 * same bytes, so the two merge into one paragraph. Resolves (or rejects) as `whenRestored` does, after the seed.
 */
function seedIfStartedHere(docName: string, provider: WebsocketProvider, storage: Storage, whenRestored: Promise<void>): Promise<void> {
  const startedHere = createStartedHere(storage);
  if (!startedHere.has(docName)) return whenRestored;
  const forget = (isSynced: boolean) => {
    if (!isSynced) return;
    startedHere.remove(docName);
    provider.off('sync', forget);
  };
  provider.on('sync', forget);
  return whenRestored.finally(() => {
    if (provider.doc.store.clients.size === 0 && startedHere.has(docName)) Y.applyUpdate(provider.doc, seedUpdate(), LOCAL_SEED_ORIGIN);
  });
}

const VIEW_ONLY_REASON = 'Your link lets you read this document and follow its changes, but not edit it.';

function readableDenial(reason: string): string {
  // The server's reasons are for programs ("read-only: this token may view but not edit"): a read-only one is said
  // in the words the page uses for viewers, anything else becomes a sentence.
  const trimmed = reason.trim().replace(/\.$/, '');
  if (trimmed === '' || /^read-only\b/i.test(trimmed)) return VIEW_ONLY_REASON;
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

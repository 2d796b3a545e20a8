import { ContainerClient, RestError } from '@azure/storage-blob';
import type { StoreItem, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
// The blob name BlobsStorage gives a key: items created here must be the ones it reads and updates.
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { CREATE_ONLY_ETAG } from './botState';

/**
 * Bot state in Azure Blob Storage (`STATE_STORAGE=blob`): Bot Framework's own `BlobsStorage` (one JSON blob per
 * item, eTags as blob ETags), plus what it lacks for several instances: an item written with
 * {@link CREATE_ONLY_ETAG} is created only if no instance created it meanwhile (`If-None-Match: *`), where
 * `BlobsStorage` would overwrite it. Conflicts fail with BlobsStorage's own "eTag conflict" error.
 */
export class BlobStateStorage extends BlobsStorage {
  private readonly container: ContainerClient;

  constructor(connectionString: string, containerName: string) {
    super(connectionString, containerName);
    this.container = new ContainerClient(connectionString, containerName);
  }

  override async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes) as [string, StoreItem][];
    const creates = entries.filter(([, item]) => item.eTag === CREATE_ONLY_ETAG);
    const updates = entries.filter(([, item]) => item.eTag !== CREATE_ONLY_ETAG);
    if (updates.length > 0) await super.write(Object.fromEntries(updates));
    if (creates.length === 0) return;
    // Reading nothing creates the container if it is missing (BlobsStorage does it once, on first use).
    await super.read([]);
    for (const [key, item] of creates) {
      // Stored without its eTag, as BlobsStorage stores items: the blob's own ETag is the item's.
      const body = JSON.stringify({ ...item, eTag: undefined });
      try {
        await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(body, Buffer.byteLength(body), {
          conditions: { ifNoneMatch: '*' },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
      } catch (error) {
        if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`, { cause: error });
        throw error;
      }
    }
  }
}

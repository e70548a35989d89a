import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './serverless-cli.js';

export const POSTMAN_COLLECTION = join(
  PROJECT_ROOT,
  'postman',
  'uniform-lambda.postman_collection.json',
);
export const POSTMAN_LOCAL_ENVIRONMENT = join(
  PROJECT_ROOT,
  'postman',
  'local.postman_environment.json',
);

/** One request of the collection, with its URL path after `{{baseUrl}}`. */
export interface CollectionRequest {
  name: string;
  method: string;
  /** The base URL variable, e.g. `{{baseUrl}}` for REST or `{{httpApiBaseUrl}}` for HTTP API. */
  host: string;
  /** Path segments after the base URL, e.g. `['fibonacci', '7']`. */
  path: string[];
}

interface CollectionItem {
  name: string;
  item?: CollectionItem[];
  request?: { method: string; url: { host?: string[]; path?: string[] } };
}

/** Returns the collection's requests, folders flattened, in the order newman runs them. */
export function collectionRequests(): CollectionRequest[] {
  const collection = JSON.parse(readFileSync(POSTMAN_COLLECTION, 'utf8')) as {
    item: CollectionItem[];
  };
  const flatten = (items: CollectionItem[]): CollectionRequest[] =>
    items.flatMap((item) => {
      if (item.item) return flatten(item.item);
      if (!item.request) return [];
      const { method, url } = item.request;
      return [{ name: item.name, method, host: url.host?.join('.') ?? '', path: url.path ?? [] }];
    });
  return flatten(collection.item);
}

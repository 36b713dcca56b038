import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CredentialSource } from '../../live/credentials/credential-source';
import { ApiError } from '../errors';
import { orderBucket, type RateLimitOptions } from '../rate-limit';
import { parseCredentialsBody, venueField } from '../schemas/credentials-body';
import { parseWith } from '../schemas/parse-result';
import { valid } from './engine-calls';

const venueParams = z.object({ venue: venueField });

/**
 * Keys entered in the UI. Answers name the venue and where its keys now come from, never a key;
 * a write shares the order bucket (a tight limit: nobody types keys 60 times a minute).
 */
export function registerCredentialRoutes(
  app: FastifyInstance,
  source: CredentialSource | undefined,
  limits: RateLimitOptions,
): void {
  const store = (): CredentialSource => {
    if (source === undefined) {
      throw new ApiError(503, 'credentials_unavailable', 'this server has no credential store');
    }
    return source;
  };

  app.get('/api/credentials', async () => ({ origins: await store().origins() }));

  app.post('/api/credentials', { config: orderBucket(limits) }, async (req) => {
    const { venue, credentials } = valid(parseCredentialsBody(req.body));
    const s = store();
    await s.store(venue, credentials);
    return { ok: true, venue, origin: (await s.origins())[venue] };
  });

  app.delete('/api/credentials/:venue', { config: orderBucket(limits) }, async (req) => {
    const { venue } = valid(parseWith(venueParams, req.params));
    const s = store();
    await s.forget(venue);
    return { ok: true, venue, origin: (await s.origins())[venue] };
  });
}

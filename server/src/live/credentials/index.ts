export { CredentialError, type CredentialErrorCode } from './credential-error';
export type { CredentialOrigin, CredentialSource } from './credential-source';
export { parseCredentialsFile } from './credentials-file';
export { DEFAULT_SCRYPT_COST, type ScryptCost } from './encryption-key';
export { envNames } from './env-credentials';
export {
  CREDENTIAL_FILES,
  type LayeredCredentialOptions,
  LayeredCredentialSource,
} from './layered-credential-source';
export { RedactedCredentials } from './redacted-credentials';

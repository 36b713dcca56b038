// One error type for every way credentials can fail to load or store. Messages name the variable,
// file or field at fault and never carry a value: they are shown in the UI and logged.

/** Why credentials could not be read or written. */
export type CredentialErrorCode =
  | 'env_incomplete'
  | 'file_missing'
  | 'file_unsafe'
  | 'file_unreadable'
  | 'file_invalid'
  | 'key_unsafe'
  | 'stored_invalid'
  | 'stored_tampered'
  | 'invalid_credentials';

/** A credential problem with a message that is safe to show and log. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  constructor(
    readonly code: CredentialErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the serving thread asks a password-check thread (bcrypt-worker.ts), and its answers. */
export type BcryptRequest =
  | { readonly op: 'compare'; readonly password: string; readonly hash: string }
  | { readonly op: 'hash'; readonly password: string; readonly cost: number };

/** `ms`: how long the comparison took in the thread. */
export type BcryptReply = { readonly matches: boolean; readonly ms: number } | { readonly hash: string };

// What an old IOS image (15.x before the SHA-2 key exchanges) offers: the only algorithms a legacy router speaks.

import type { Algorithms } from 'ssh2';

export const LEGACY_ALGORITHMS: Algorithms = {
  kex: ['diffie-hellman-group14-sha1'],
  serverHostKey: ['ssh-rsa'],
  cipher: ['aes128-cbc', 'aes256-ctr'],
  hmac: ['hmac-sha1'],
  compress: ['none'],
};

import { z } from 'zod';

/** An S3 bucket name as Ceph and AWS accept it (checked before asking, so the error says why). */
export const bucketNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'a bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
  );

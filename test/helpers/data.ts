import { resolve } from 'node:path';

/** `../shared/data` beside the project: real captures and logs, read-only. */
export const DATA = resolve(__dirname, '../../../shared/data');

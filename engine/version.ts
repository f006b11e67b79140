// One source for the version: package.json (bundled by esbuild, read by tsx in tests).
import pkg from '../package.json';

export const ENGINE_VERSION: string = pkg.version;

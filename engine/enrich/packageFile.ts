import { dirname, join } from 'node:path';

/** The data file of an npm data package; a path that does not exist when the package is not installed
 *  (a bundle shipped without node_modules, such as the extension's kernel), so opening it reports it. */
export function packageFile(pkg: string, file: string): string {
  try {
    return join(dirname(require.resolve(`${pkg}/package.json`)), file);
  } catch {
    return join('node_modules', pkg, file);
  }
}

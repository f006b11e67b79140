import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The data file of an npm data package. A bundle shipped without node_modules (the VS Code extension's
 * kernel) carries copies in `data/packages/<pkg>/` beside it (extension/build.mjs); when neither exists
 * the path names node_modules, so opening it reports what is missing.
 */
export function packageFile(pkg: string, file: string): string {
  try {
    // oui-data exports only its JSON, so its folder is found from the package's main file.
    const main = file === 'package.json' || pkg !== 'oui-data' ? `${pkg}/package.json` : pkg;
    return join(dirname(require.resolve(main)), file);
  } catch {
    for (const dir of [join(__dirname, 'data', 'packages'), join(__dirname, 'packages')]) {
      const copy = join(dir, pkg, file);
      if (existsSync(copy)) return copy;
    }
    return join('node_modules', pkg, file);
  }
}

// The widget's ES modules (web/public/widget/) for the Node tests, from BACKCOACH_WEB_ROOT
// (set by CMake) or the source tree; and the `ws` package of web/node_modules.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = process.env.BACKCOACH_WEB_DIR || path.join(here, '../../web');
export const webRoot = process.env.BACKCOACH_WEB_ROOT || path.join(webDir, 'public');

export const widgetModule = (name) => import(pathToFileURL(path.join(webRoot, 'widget', name)).href);
export const ws = () => createRequire(path.join(webDir, 'package.json'))('ws');

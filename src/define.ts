/**
 * The side-effect entry: defines every tag (only where the tag is free) and re-exports the public
 * API. Published as `<package>/define.js`; the CDN bundle `dist/wc-elements.js` is built from it.
 */
import { ensureContextRoot } from './lit/provide.js';
import './elements/provider/define.js';
import './elements/namespace-picker/define.js';
import './elements/connect/define.js';
import './elements/session-list/define.js';

// A provider upgraded after its consumers still reaches them.
if (typeof document !== 'undefined') ensureContextRoot(document);

export * from './index.js';

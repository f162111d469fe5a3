/*! HumanConnect.AspNetCore: the ES module face of human-connect.js, for `import` in a browser or a bundler.
 *
 *   import { open, attach, clearSession } from '/_content/HumanConnect.AspNetCore/human-connect.mjs';
 *
 * It runs the classic scripts (the finish half, the API, and Connect v2's two halves; each runs once per page, however
 * it is loaded) and re-exports what they define. */
import './human-connect-finish.js';
import './human-connect.js';
import './human-connect-v2.js';
import './human-connect-v2-open.js';

const api = globalThis.HumanConnectAspNetCore;

/** The schema of the Connect options this script reads: 'human-connect-options/1'. */
export const schema = api.schema;

/** Opens Connect now with the Connect options (the JSON of GET {prefix}/connect/options); resolves to whether it opened. */
export const open = api.open;

/** Makes an element open Connect on click with the Connect options; returns { update(options), detach() }. */
export const attach = api.attach;

/** Forgets Human API's resumable Connect session in this browser; call it when the user signs out. */
export const clearSession = api.clearSession;

export default api;

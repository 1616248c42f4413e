// The view's state and the address that holds it:
// ?at=2023-06-27&window=90d&focus=ararat-mirzoyan&depth=1&mode=diff&since=2023-01-01&outlines=1
// Reload, back and forward restore it.

import { isoDay, parseDay, parseWindow, windowText } from "./time.js";

// `view` is what the page opens on when the address names nothing (the bundle's).
export function readState(search, bounds, view = {}) {
  const params = new URLSearchParams(search);
  const clamp = (day) => Math.min(bounds.to, Math.max(bounds.from, day));
  const at = parseDay(params.get("at"));
  const since = parseDay(params.get("since"));
  const windowDays = params.has("window") ? parseWindow(params.get("window")) : view.window;
  const depth = Number(params.get("depth") || view.depth);
  return {
    at: at === null ? clamp(view.at ?? bounds.to) : clamp(at),
    since: since === null ? bounds.from : clamp(since),
    windowDays: windowDays === undefined ? null : windowDays,
    focus: params.get("focus") || (params.has("at") ? null : view.focus) || null,
    depth: [1, 2, 3].includes(depth) ? depth : 1,
    diff: params.get("mode") === "diff",
    outlines: params.get("outlines") !== "0",
  };
}

export function stateQuery(state) {
  const params = new URLSearchParams();
  const current = new URLSearchParams(window.location.search);
  for (const name of ["from", "to"]) if (current.get(name)) params.set(name, current.get(name));
  params.set("at", isoDay(state.at));
  params.set("window", windowText(state.windowDays));
  if (state.focus) { params.set("focus", state.focus); params.set("depth", String(state.depth)); }
  if (state.diff) { params.set("mode", "diff"); params.set("since", isoDay(state.since)); }
  if (!state.outlines) params.set("outlines", "0");
  return "?" + params.toString();
}

// Records the state in the address: a new history entry for a deliberate change,
// the same entry while playing or dragging.
export function recordState(state, { replace }) {
  const query = stateQuery(state);
  if (query === window.location.search) return;
  if (replace) window.history.replaceState(null, "", query);
  else window.history.pushState(null, "", query);
}

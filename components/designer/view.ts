import type { FitViewOptions } from "@xyflow/react";

// How far the canvas shows the graph. Node text is drawn at least NODE_TEXT_MIN_PX at 100% (port labels
// and detail lines; titles are larger), and fitting the view never zooms out so far that it falls under
// READABLE_TEXT_PX on screen: a pipeline too large for the canvas is then shown in part, around its
// middle, with the whole in the minimap. Zooming out further by hand stays possible.

export const NODE_TEXT_MIN_PX = 12;
export const READABLE_TEXT_PX = 11;
/** The smallest zoom a fit view uses. */
export const READABLE_ZOOM = READABLE_TEXT_PX / NODE_TEXT_MIN_PX;

/** Fit view, the toolbar's and the canvas controls' alike, and after auto-layout. */
export const FIT_VIEW: FitViewOptions = { padding: 0.15, minZoom: READABLE_ZOOM, maxZoom: 1, duration: 200 };
/** The view a saved graph opens on. */
export const OPEN_VIEW: FitViewOptions = { padding: 0.15, minZoom: READABLE_ZOOM, maxZoom: 1 };

// Types of scripts/layers.js, which stays JavaScript so that eslint.config.js can load it as it is.
export interface LibLayer {
  layer: "model" | "infrastructure" | "operations" | "features";
  folders: string[];
  holds: string;
}
export const LIB_LAYERS: LibLayer[];
export function rankOf(folder: string): number | undefined;

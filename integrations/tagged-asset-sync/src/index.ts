/**
 * Tagged Asset Sync: a code-native integration built on the Bynder component alone. Every asset
 * carrying the chosen tag is copied to a destination endpoint, and the copy's URL is written back
 * into a text metaproperty on the asset. See ../README.md.
 */
import { integration } from "@prismatic-io/spectral";
import { componentRegistry } from "./componentRegistry";
import { configPages } from "./configPages";
import { flows } from "./flows";

export { componentRegistry } from "./componentRegistry";
export { configPages } from "./configPages";

export default integration({
  name: "Bynder Tagged Asset Sync",
  description:
    "Copies every Bynder asset that carries a tag to another system and writes the copy's URL back into a text metaproperty.",
  iconPath: "icon.png",
  flows,
  configPages,
  componentRegistry,
});

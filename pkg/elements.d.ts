/** opscore/elements: framework-free custom elements for portals. Importing this module defines them. */

/** Fired (bubbling, composed) when the user moves a what-if control inside an element. */
export interface OpscoreChangeDetail {
  /** Which control changed, such as "target". */
  control: string;
  value: unknown;
}

declare global {
  interface HTMLElementEventMap {
    "opscore-change": CustomEvent<OpscoreChangeDetail>;
  }
  interface HTMLElementTagNameMap {
    "opscore-downtime": OpscoreDowntime;
  }
}

/** Shared behaviour: shadow DOM, CSS custom properties, data from a `src` URL or the `document` property. */
export declare class OpscoreElement extends HTMLElement {
  /** The data the element renders; setting it re-renders. */
  document: unknown;
  /** Re-render (after the engine is ready). */
  refresh(): Promise<void>;
}

/**
 * `<opscore-downtime target="0.999" convention="gregorian" heading="…">`: the allowed-downtime table with a
 * target control. Fires `opscore-change` with `{ control: "target", value }` when the target changes.
 * @example
 * ```ts
 * import "opscore/elements";
 * const el = document.createElement("opscore-downtime");
 * el.setAttribute("target", "0.9995");
 * el.addEventListener("opscore-change", (e) => console.log(e.detail.value));
 * document.body.append(el);
 * ```
 */
export declare class OpscoreDowntime extends OpscoreElement {
  readonly target: number;
}

/** Define every opscore element in `registry` (default: the window's). Safe to call twice. */
export declare function defineElements(registry?: CustomElementRegistry): void;

/** Seconds as "3d 15h 39m 30s". */
export declare function formatDuration(seconds: number): string;

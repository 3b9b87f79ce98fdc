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
  interface HTMLElementEventMap {
    "opscore-select": CustomEvent<OpscoreSelectDetail>;
  }
  interface HTMLElementTagNameMap {
    "opscore-downtime": OpscoreDowntime;
    "opscore-scorecard": OpscoreScorecard;
    "opscore-budget": OpscoreBudget;
    "opscore-runway": OpscoreRunway;
  }
}

/** Fired (bubbling, composed) by `<opscore-scorecard>` when a row is chosen by click or Enter. */
export interface OpscoreSelectDetail {
  kind: "service" | "resource" | "team";
  id: string;
}

/** Shared behaviour: shadow DOM, CSS custom properties, and data from a `src` URL (same-origin JSON; the `pick`
 * attribute, such as `"services.0.slos.0"`, selects a part of it) or from the `document` property. */
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

/**
 * `<opscore-scorecard src="org.json" as-of="…" heading="…">`: every service, resource and team of an organisation
 * document ({@link import("./opscore").OrgDocument}) with its status in words. Its "As of" control fires
 * `opscore-change` with `{ control: "asOf", value }`; choosing a row fires `opscore-select`. Without `as-of` it
 * scores as of the current time.
 * @example
 * ```ts
 * import "opscore/elements";
 * const card = document.createElement("opscore-scorecard");
 * card.setAttribute("as-of", "2026-03-15T00:00:00Z");
 * card.document = { version: 1, name: "Acme", services: [] };
 * card.addEventListener("opscore-select", (e) => console.log(e.detail.kind, e.detail.id));
 * document.body.append(card);
 * ```
 */
export declare class OpscoreScorecard extends OpscoreElement {}

/**
 * `<opscore-budget src="org.json" pick="services.0.slos.0" as-of="…" outage-minutes="0">`: an error budget (its
 * document is an {@link import("./opscore").errorBudget} input) with a burn-down sparkline, and a what-if control
 * for one more full outage. Fires `opscore-change` with `{ control: "outageMinutes", value }`.
 */
export declare class OpscoreBudget extends OpscoreElement {}

/**
 * `<opscore-runway src="org.json" pick="resources.0.runway" growth="1">`: a capacity runway (its document is a
 * {@link import("./opscore").runway} input) with a growth what-if slider; the model is fitted once per document.
 * Fires `opscore-change` with `{ control: "growth", value }`.
 */
export declare class OpscoreRunway extends OpscoreElement {}

/** Define every opscore element in `registry` (default: the window's). Safe to call twice. */
export declare function defineElements(registry?: CustomElementRegistry): void;

/** Seconds as "3d 15h 39m 30s". */
export declare function formatDuration(seconds: number): string;

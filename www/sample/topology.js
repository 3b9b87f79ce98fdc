// The sample's service dependency tree for the composite-availability view: what a customer's online checkout
// needs, as serial groups (every part needed) and parallel groups (any one suffices). Leaves naming a sample service
// (`service`) take that service's measured availability over the year; the others are parts the sample does not
// monitor (the edge, the database pair, the backup card processor), with a fixed, stated availability of the kind
// a vendor's SLA or the database's own monitoring would give.

/** The tree, as the engine's `compositeAvailability` root once each `service` leaf has its `availability`. */
export const CHECKOUT_TOPOLOGY = Object.freeze({
  name: "Online checkout journey",
  kind: "serial",
  children: [
    { name: "Edge load balancer", availability: 0.99995, source: "Cloud provider's SLA (assumed)" },
    { name: "Product search", service: "search" },
    { name: "Identity and login", service: "identity" },
    { name: "Checkout API", service: "checkout" },
    {
      name: "Order database",
      kind: "parallel",
      children: [
        { name: "Order DB primary", availability: 0.9995, source: "Database monitoring (assumed)" },
        { name: "Order DB replica", availability: 0.999, source: "Database monitoring (assumed)" },
      ],
    },
    {
      name: "Card payment",
      kind: "parallel",
      children: [
        { name: "Payments gateway", service: "payments" },
        { name: "Backup card processor", availability: 0.998, source: "Processor's SLA (assumed)" },
      ],
    },
  ],
});
